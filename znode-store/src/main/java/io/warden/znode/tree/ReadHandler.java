package io.warden.znode.tree;

import io.warden.znode.AddWatchMode;
import io.warden.znode.KeeperException.Code;
import io.warden.znode.Op;
import io.warden.znode.OpResult;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher.Event.EventType;
import io.warden.znode.Watcher.Event.KeeperState;
import io.warden.znode.Watcher.WatcherType;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.ZooDefs.Perms;
import io.warden.znode.acl.Acls;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.MultiCodec;
import io.warden.znode.wire.Requests.PathRequest;
import io.warden.znode.wire.Requests.PathTypeRequest;
import io.warden.znode.wire.Requests.PathWatchRequest;
import io.warden.znode.wire.Requests.SetWatchesRequest;
import io.warden.znode.wire.Responses;
import io.warden.znode.wire.WireFormatException;
import io.warden.znode.watch.WatchManager;
import io.warden.znode.watch.WatchSink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/** Answers reads and watch-management requests from the applied tree. Not thread-safe. */
final class ReadHandler {
    private final DataTree tree;
    private final WatchManager watches;

    ReadHandler(DataTree tree, WatchManager watches) {
        this.tree = tree;
        this.watches = watches;
    }

    Prepared handle(RequestContext ctx, int opcode, JuteReader body) {
        try {
            return switch (opcode) {
                case OpCode.exists -> Prepared.read(exists(ctx, PathWatchRequest.read(body)));
                case OpCode.getData -> Prepared.read(getData(ctx, PathWatchRequest.read(body)));
                case OpCode.getChildren, OpCode.getChildren2 ->
                        Prepared.read(getChildren(ctx, PathWatchRequest.read(body), opcode == OpCode.getChildren2));
                case OpCode.getACL -> Prepared.read(getAcl(ctx, PathRequest.read(body).path()));
                case OpCode.getAllChildrenNumber -> Prepared.read(allChildrenNumber(ctx, PathRequest.read(body).path()));
                case OpCode.getEphemerals -> Prepared.read(ephemerals(ctx, PathRequest.read(body).path()));
                case OpCode.multiRead -> Prepared.read(multiRead(ctx, MultiCodec.readOps(body, true)));
                case OpCode.checkWatches, OpCode.removeWatches ->
                        Prepared.read(checkOrRemove(ctx, PathTypeRequest.read(body), opcode == OpCode.removeWatches));
                case OpCode.addWatch -> Prepared.read(addWatch(ctx, PathTypeRequest.read(body)));
                case OpCode.setWatches, OpCode.setWatches2 ->
                        setWatches(ctx, SetWatchesRequest.read(body, opcode == OpCode.setWatches2));
                case OpCode.whoAmI -> Prepared.read(Reply.ok(new Responses.WhoAmIResponse(Acls.whoAmI(ctx.auth()))));
                case OpCode.sync -> Prepared.read(Reply.ok(new Responses.PathResponse(PathRequest.read(body).path())));
                case OpCode.ping -> Prepared.read(Reply.OK);
                default -> Prepared.read(Reply.error(Code.UNIMPLEMENTED.intValue()));
            };
        } catch (WireFormatException e) {
            return Prepared.read(Reply.error(Code.MARSHALLINGERROR.intValue()));
        }
    }

    private static Reply error(Code code) {
        return Reply.error(code.intValue());
    }

    private Reply exists(RequestContext ctx, PathWatchRequest r) {
        String path = r.path();
        if (!Paths.isValid(path)) {
            return error(Code.BADARGUMENTS);
        }
        DataNode n = tree.get(path);
        if (n == null) {
            if (r.watch() && ctx.sink() != null) {
                watches.addDataWatch(path, ctx.sink());
            }
            return error(Code.NONODE);
        }
        if (!Acls.check(n.acl, Perms.READ, ctx.auth())) {
            return error(Code.NOAUTH);
        }
        if (r.watch() && ctx.sink() != null) {
            watches.addDataWatch(path, ctx.sink());
        }
        return Reply.ok(new Responses.StatResponse(n.stat()));
    }

    /** The node, or an error reply when the path is bad, missing or not readable. */
    private Object readable(RequestContext ctx, String path) {
        if (!Paths.isValid(path)) {
            return error(Code.BADARGUMENTS);
        }
        DataNode n = tree.get(path);
        if (n == null) {
            return error(Code.NONODE);
        }
        if (!Acls.check(n.acl, Perms.READ, ctx.auth())) {
            return error(Code.NOAUTH);
        }
        return n;
    }

    private Reply getData(RequestContext ctx, PathWatchRequest r) {
        Object o = readable(ctx, r.path());
        if (!(o instanceof DataNode n)) {
            return (Reply) o;
        }
        if (r.watch() && ctx.sink() != null) {
            watches.addDataWatch(r.path(), ctx.sink());
        }
        return Reply.ok(new Responses.GetDataResponse(n.data, n.stat()));
    }

    private Reply getChildren(RequestContext ctx, PathWatchRequest r, boolean withStat) {
        Object o = readable(ctx, r.path());
        if (!(o instanceof DataNode n)) {
            return (Reply) o;
        }
        if (r.watch() && ctx.sink() != null) {
            watches.addChildWatch(r.path(), ctx.sink());
        }
        List<String> children = new ArrayList<>(n.children());
        return Reply.ok(withStat ? new Responses.Children2Response(children, n.stat())
                : new Responses.ChildrenResponse(children));
    }

    private Reply getAcl(RequestContext ctx, String path) {
        if (!Paths.isValid(path)) {
            return error(Code.BADARGUMENTS);
        }
        DataNode n = tree.get(path);
        if (n == null) {
            return error(Code.NONODE);
        }
        if (!Acls.check(n.acl, Perms.READ | Perms.ADMIN, ctx.auth())) {
            return error(Code.NOAUTH);
        }
        boolean admin = Acls.check(n.acl, Perms.ADMIN, ctx.auth());
        return Reply.ok(new Responses.GetACLResponse(admin ? n.acl : Acls.maskDigests(n.acl), n.stat()));
    }

    private Reply allChildrenNumber(RequestContext ctx, String path) {
        Object o = readable(ctx, path);
        if (!(o instanceof DataNode n)) {
            return (Reply) o;
        }
        return Reply.ok(new Responses.IntResponse(countDescendants(path, n)));
    }

    private int countDescendants(String path, DataNode start) {
        int count = 0;
        ArrayDeque<String> todo = new ArrayDeque<>();
        todo.push(path);
        while (!todo.isEmpty()) {
            String p = todo.pop();
            DataNode n = p == path ? start : tree.get(p);
            if (n == null) {
                continue;
            }
            String prefix = p.equals("/") ? "/" : p + "/";
            for (String child : n.children()) {
                count++;
                todo.push(prefix + child);
            }
        }
        return count;
    }

    private Reply ephemerals(RequestContext ctx, String prefix) {
        HashSet<String> mine = tree.ephemerals.get(ctx.sessionId());
        List<String> out = new ArrayList<>();
        if (mine != null) {
            boolean all = prefix == null || prefix.isEmpty() || prefix.equals("/");
            for (String p : mine) {
                if (all || p.startsWith(prefix)) {
                    out.add(p);
                }
            }
            out.sort(null);
        }
        return Reply.ok(new Responses.ChildrenResponse(out));
    }

    private Reply multiRead(RequestContext ctx, List<Op> ops) {
        List<OpResult> results = new ArrayList<>(ops.size());
        for (Op op : ops) {
            Object o = readable(ctx, op.getPath());
            if (!(o instanceof DataNode n)) {
                results.add(new OpResult.ErrorResult(((Reply) o).err()));
            } else if (op instanceof Op.GetData) {
                results.add(new OpResult.GetDataResult(n.data, n.stat()));
            } else {
                results.add(new OpResult.GetChildrenResult(new ArrayList<>(n.children())));
            }
        }
        return Reply.ok(new MultiResponse(results));
    }

    private Reply checkOrRemove(RequestContext ctx, PathTypeRequest r, boolean remove) {
        WatcherType type = WatcherType.fromInt(r.type());
        if (type == null || !Paths.isValid(r.path())) {
            return error(Code.BADARGUMENTS);
        }
        WatchSink sink = ctx.sink();
        boolean found = sink != null && (remove ? watches.removeWatch(r.path(), sink, type)
                : watches.hasWatch(r.path(), sink, type));
        return found ? Reply.OK : error(Code.NOWATCHER);
    }

    private Reply addWatch(RequestContext ctx, PathTypeRequest r) {
        AddWatchMode mode = AddWatchMode.fromInt(r.type());
        if (mode == null || !Paths.isValid(r.path())) {
            return error(Code.BADARGUMENTS);
        }
        if (ctx.sink() != null) {
            watches.addPersistentWatch(r.path(), ctx.sink(), mode == AddWatchMode.PERSISTENT_RECURSIVE);
        }
        return Reply.ok(new Responses.IntResponse(0));
    }

    /** Re-arms a reconnecting client's watches, synthesizing (zxid -1) the events it missed. */
    private Prepared setWatches(RequestContext ctx, SetWatchesRequest r) {
        WatchSink sink = ctx.sink();
        if (sink == null) {
            return Prepared.read(Reply.OK);
        }
        long rel = r.relativeZxid();
        List<WatchedEvent> events = new ArrayList<>();
        for (String p : r.dataWatches()) {
            if (!Paths.isValid(p)) {
                continue;
            }
            DataNode n = tree.get(p);
            if (n == null) {
                events.add(event(EventType.NodeDeleted, p));
            } else if (!Acls.check(n.acl, Perms.READ, ctx.auth())) {
                continue;
            } else if (n.mzxid > rel) {
                events.add(event(EventType.NodeDataChanged, p));
            } else {
                watches.addDataWatch(p, sink);
            }
        }
        for (String p : r.existWatches()) {
            if (!Paths.isValid(p)) {
                continue;
            }
            DataNode n = tree.get(p);
            if (n == null) {
                watches.addDataWatch(p, sink);
            } else if (Acls.check(n.acl, Perms.READ, ctx.auth())) {
                events.add(event(EventType.NodeCreated, p));
            }
        }
        for (String p : r.childWatches()) {
            if (!Paths.isValid(p)) {
                continue;
            }
            DataNode n = tree.get(p);
            if (n == null) {
                events.add(event(EventType.NodeDeleted, p));
            } else if (!Acls.check(n.acl, Perms.READ, ctx.auth())) {
                continue;
            } else if (n.pzxid > rel) {
                events.add(event(EventType.NodeChildrenChanged, p));
            } else {
                watches.addChildWatch(p, sink);
            }
        }
        for (String p : r.persistentWatches()) {
            if (Paths.isValid(p)) {
                watches.addPersistentWatch(p, sink, false);
            }
        }
        for (String p : r.persistentRecursiveWatches()) {
            if (Paths.isValid(p)) {
                watches.addPersistentWatch(p, sink, true);
            }
        }
        return new Prepared(null, Reply.OK, events);
    }

    private static WatchedEvent event(EventType type, String path) {
        return new WatchedEvent(type, KeeperState.SyncConnected, path, -1L);
    }
}
