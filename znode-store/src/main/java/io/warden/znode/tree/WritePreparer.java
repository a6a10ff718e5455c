package io.warden.znode.tree;

import io.warden.znode.ACL;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException.Code;
import io.warden.znode.Op;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.ZooDefs.Perms;
import io.warden.znode.acl.Acls;
import io.warden.znode.txn.CheckTxn;
import io.warden.znode.txn.CloseSessionTxn;
import io.warden.znode.txn.CreateSessionTxn;
import io.warden.znode.txn.CreateTxn;
import io.warden.znode.txn.DeleteContainerTxn;
import io.warden.znode.txn.DeleteTxn;
import io.warden.znode.txn.EphemeralOwner;
import io.warden.znode.txn.ErrorTxn;
import io.warden.znode.txn.MultiTxn;
import io.warden.znode.txn.SetACLTxn;
import io.warden.znode.txn.SetDataTxn;
import io.warden.znode.txn.Txn;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.MultiCodec;
import io.warden.znode.wire.Requests.CreateRequest;
import io.warden.znode.wire.Requests.PathRequest;
import io.warden.znode.wire.Requests.PathVersionRequest;
import io.warden.znode.wire.Requests.SetACLRequest;
import io.warden.znode.wire.Requests.SetDataRequest;
import io.warden.znode.wire.WireFormatException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns write requests into txns, checking them in ZooKeeper's order against the applied tree as
 * modified by the writes already prepared ({@link PendingChanges}). Not thread-safe.
 */
final class WritePreparer {
    /** A failed check; no stack trace, it is control flow. */
    static final class Failure extends RuntimeException {
        final int code;

        Failure(Code code) {
            super(code.name(), null, false, false);
            this.code = code.intValue();
        }
    }

    /** The view one request validates against: its own changes, then pending ones, then the tree. */
    private final class Staging {
        final LinkedHashMap<String, PendingChanges.Change> local = new LinkedHashMap<>();
        long closingSession;

        NodeView view(String path) {
            PendingChanges.Change c = local.isEmpty() ? null : local.get(path);
            if (c == null) {
                c = pending.get(path);
            }
            return c != null ? c.view() : tree.get(path);
        }

        void put(String path, NodeView v) {
            local.put(path, new PendingChanges.Change(path, v));
        }
    }

    private final DataTree tree;
    private final PendingChanges pending;
    private final StoreConfig config;

    WritePreparer(DataTree tree, PendingChanges pending, StoreConfig config) {
        this.tree = tree;
        this.pending = pending;
        this.config = config;
    }

    static boolean isWrite(int opcode) {
        return switch (opcode) {
            case OpCode.create, OpCode.create2, OpCode.createContainer, OpCode.createTTL, OpCode.delete,
                 OpCode.setData, OpCode.setACL, OpCode.multi, OpCode.deleteContainer, OpCode.reconfig,
                 OpCode.createSession, OpCode.closeSession -> true;
            default -> false;
        };
    }

    /** Validates one write; the returned txn (ErrorTxn on failure) is recorded as pending. */
    Txn prepare(RequestContext ctx, int opcode, JuteReader body) {
        Staging st = new Staging();
        Txn txn;
        try {
            txn = dispatch(ctx, opcode, body, st);
        } catch (Failure f) {
            txn = new ErrorTxn(f.code);
            st.local.clear();
            st.closingSession = 0;
        } catch (WireFormatException e) {
            txn = new ErrorTxn(Code.MARSHALLINGERROR.intValue());
            st.local.clear();
            st.closingSession = 0;
        }
        pending.push(txn, st.local.isEmpty() ? List.of() : new ArrayList<>(st.local.values()), st.closingSession);
        return txn;
    }

    private Txn dispatch(RequestContext ctx, int opcode, JuteReader body, Staging st) {
        switch (opcode) {
            case OpCode.create, OpCode.create2, OpCode.createContainer, OpCode.createTTL: {
                CreateRequest r = CreateRequest.read(body, opcode == OpCode.createTTL);
                return create(ctx, st, opcode, r.path(), r.data(), r.acl(), r.flags(), r.hasTtl() ? r.ttl() : -1);
            }
            case OpCode.delete: {
                PathVersionRequest r = PathVersionRequest.read(body);
                checkSession(ctx);
                return delete(ctx, st, r.path(), r.version());
            }
            case OpCode.setData: {
                SetDataRequest r = SetDataRequest.read(body);
                checkSession(ctx);
                return setData(ctx, st, r.path(), r.data(), r.version());
            }
            case OpCode.setACL: {
                SetACLRequest r = SetACLRequest.read(body);
                checkSession(ctx);
                return setAcl(ctx, st, r.path(), r.acl(), r.version());
            }
            case OpCode.deleteContainer:
                return deleteContainer(st, PathRequest.read(body).path());
            case OpCode.multi: {
                List<Op> ops = MultiCodec.readOps(body, false);
                checkSession(ctx);
                return multi(ctx, st, ops);
            }
            case OpCode.reconfig:
                throw new Failure(Code.RECONFIGDISABLED);
            case OpCode.createSession:
                return new CreateSessionTxn(body.remaining() >= 4 ? body.readInt() : 0);
            case OpCode.closeSession:
                return closeSession(ctx.sessionId(), st);
            default:
                throw new IllegalArgumentException("not a write opcode: " + opcode);
        }
    }

    private void checkSession(RequestContext ctx) {
        if (!config.checkSessions()) {
            return;
        }
        long sid = ctx.sessionId();
        if (!tree.sessions.containsKey(sid) || pending.isClosing(sid)) {
            throw new Failure(Code.SESSIONEXPIRED);
        }
    }

    private static void checkPath(String path) {
        if (!Paths.isValid(path)) {
            throw new Failure(Code.BADARGUMENTS);
        }
    }

    private void checkDataSize(byte[] data) {
        if (data != null && data.length > config.maxDataBytes()) {
            throw new Failure(Code.BADARGUMENTS);
        }
    }

    private static void checkPerm(NodeView node, int perm, RequestContext ctx) {
        if (!Acls.check(node.acl(), perm, ctx.auth())) {
            throw new Failure(Code.NOAUTH);
        }
    }

    private static void checkVersion(int expected, int actual) {
        if (expected != -1 && expected != actual) {
            throw new Failure(Code.BADVERSION);
        }
    }

    private NodeView existing(Staging st, String path) {
        NodeView n = st.view(path);
        if (n == null) {
            throw new Failure(Code.NONODE);
        }
        return n;
    }

    private CreateTxn create(RequestContext ctx, Staging st, int opcode, String path, byte[] data, List<ACL> acl,
                             int flags, long ttl) {
        CreateMode mode = CreateMode.fromFlagOrNull(flags);
        if (mode == null) {
            throw new Failure(Code.BADARGUMENTS);
        }
        if (mode.isTTL() ? ttl < 1 || ttl > EphemeralOwner.MAX_TTL : ttl >= 0) {
            throw new Failure(Code.BADARGUMENTS);
        }
        checkDataSize(data);
        checkSession(ctx);
        if (path == null || !Paths.isValid(mode.isSequential() ? path + "1" : path)) {
            throw new Failure(Code.BADARGUMENTS);
        }
        List<ACL> fixed = Acls.fixup(acl, ctx.auth());
        if (fixed == null) {
            throw new Failure(Code.INVALIDACL);
        }
        if (!mode.isSequential() && path.equals("/")) {
            throw new Failure(Code.NODEEXISTS);
        }
        int slash = path.lastIndexOf('/');
        String parentPath = slash == 0 ? "/" : path.substring(0, slash);
        NodeView parent = existing(st, parentPath);
        checkPerm(parent, Perms.CREATE, ctx);
        if (mode.isSequential()) {
            path = path + Paths.sequenceSuffix(parent.childCreates());
        }
        if (st.view(path) != null) {
            throw new Failure(Code.NODEEXISTS);
        }
        if (EphemeralOwner.isSession(parent.ephemeralOwner())) {
            throw new Failure(Code.NOCHILDRENFOREPHEMERALS);
        }
        long owner;
        if (opcode == OpCode.createContainer || mode.isContainer()) {
            owner = EphemeralOwner.CONTAINER;
        } else if (mode.isTTL()) {
            owner = EphemeralOwner.ttl(ttl);
        } else if (mode.isEphemeral()) {
            owner = ctx.sessionId();
        } else {
            owner = 0;
        }
        st.put(path, new PendingNode(0, 0, 0, 0, owner, fixed));
        st.put(parentPath, PendingNode.of(parent).withChildAdded());
        return new CreateTxn(opcode, path, data, fixed, owner);
    }

    private static boolean isBuiltIn(String path) {
        return path.equals(DataTree.ROOT) || path.equals(DataTree.ZOOKEEPER) || path.equals(DataTree.QUOTA)
                || path.equals(DataTree.CONFIG);
    }

    private DeleteTxn delete(RequestContext ctx, Staging st, String path, int version) {
        if (!Paths.isValid(path) || isBuiltIn(path)) {
            throw new Failure(Code.BADARGUMENTS);
        }
        String parentPath = Paths.parent(path);
        NodeView parent = existing(st, parentPath);
        checkPerm(parent, Perms.DELETE, ctx);
        NodeView node = existing(st, path);
        checkVersion(version, node.version());
        if (node.numChildren() > 0) {
            throw new Failure(Code.NOTEMPTY);
        }
        st.put(path, null);
        st.put(parentPath, PendingNode.of(parent).withChildRemoved());
        return new DeleteTxn(path);
    }

    private DeleteContainerTxn deleteContainer(Staging st, String path) {
        if (!Paths.isValid(path) || isBuiltIn(path)) {
            throw new Failure(Code.BADARGUMENTS);
        }
        NodeView node = existing(st, path);
        long owner = node.ephemeralOwner();
        if (!EphemeralOwner.isContainer(owner) && !EphemeralOwner.isTtl(owner)) {
            throw new Failure(Code.BADARGUMENTS);
        }
        if (node.numChildren() > 0) {
            throw new Failure(Code.NOTEMPTY);
        }
        String parentPath = Paths.parent(path);
        NodeView parent = existing(st, parentPath);
        st.put(path, null);
        st.put(parentPath, PendingNode.of(parent).withChildRemoved());
        return new DeleteContainerTxn(path);
    }

    private SetDataTxn setData(RequestContext ctx, Staging st, String path, byte[] data, int version) {
        checkPath(path);
        checkDataSize(data);
        NodeView node = existing(st, path);
        checkPerm(node, Perms.WRITE, ctx);
        checkVersion(version, node.version());
        int next = node.version() + 1;
        st.put(path, PendingNode.of(node).withVersion(next));
        return new SetDataTxn(path, data, next);
    }

    private SetACLTxn setAcl(RequestContext ctx, Staging st, String path, List<ACL> acl, int version) {
        checkPath(path);
        List<ACL> fixed = Acls.fixup(acl, ctx.auth());
        if (fixed == null) {
            throw new Failure(Code.INVALIDACL);
        }
        NodeView node = existing(st, path);
        checkPerm(node, Perms.ADMIN, ctx);
        checkVersion(version, node.aversion());
        int next = node.aversion() + 1;
        st.put(path, PendingNode.of(node).withAcl(fixed, next));
        return new SetACLTxn(path, fixed, next);
    }

    private CheckTxn check(RequestContext ctx, Staging st, String path, int version) {
        checkPath(path);
        NodeView node = existing(st, path);
        checkPerm(node, Perms.READ, ctx);
        checkVersion(version, node.version());
        return new CheckTxn(path, version);
    }

    private MultiTxn multi(RequestContext ctx, Staging st, List<Op> ops) {
        List<Txn> txns = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            try {
                txns.add(multiOp(ctx, st, op));
            } catch (Failure f) {
                st.local.clear();
                List<Txn> errors = new ArrayList<>(ops.size());
                for (int j = 0; j < ops.size(); j++) {
                    int err = j < i ? 0 : j == i ? f.code : Code.RUNTIMEINCONSISTENCY.intValue();
                    errors.add(new ErrorTxn(err));
                }
                return new MultiTxn(errors);
            }
        }
        return new MultiTxn(txns);
    }

    private Txn multiOp(RequestContext ctx, Staging st, Op op) {
        if (op instanceof Op.Create c) {
            return create(ctx, st, c.type(), c.path(), c.data(), c.acl(), c.flags(), c.ttl());
        } else if (op instanceof Op.Delete d) {
            return delete(ctx, st, d.path(), d.version());
        } else if (op instanceof Op.SetData s) {
            return setData(ctx, st, s.path(), s.data(), s.version());
        } else if (op instanceof Op.Check c) {
            return check(ctx, st, c.path(), c.version());
        }
        throw new Failure(Code.UNIMPLEMENTED);
    }

    /** Marks the session closing and its ephemerals (applied or pending) deleted. */
    private CloseSessionTxn closeSession(long sessionId, Staging st) {
        st.closingSession = sessionId;
        List<String> doomed = new ArrayList<>();
        var applied = tree.ephemerals.get(sessionId);
        if (applied != null) {
            doomed.addAll(applied);
        }
        for (Map.Entry<String, PendingChanges.Change> e : pending.all().entrySet()) {
            NodeView v = e.getValue().view();
            if (v != null && v.ephemeralOwner() == sessionId && tree.get(e.getKey()) == null) {
                doomed.add(e.getKey());
            }
        }
        for (String path : doomed) {
            if (st.view(path) == null) {
                continue;
            }
            st.put(path, null);
            String parentPath = Paths.parent(path);
            NodeView parent = st.view(parentPath);
            if (parent != null) {
                st.put(parentPath, PendingNode.of(parent).withChildRemoved());
            }
        }
        return new CloseSessionTxn();
    }
}
