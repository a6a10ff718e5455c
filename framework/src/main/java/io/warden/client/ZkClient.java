package io.warden.client;

import io.netty.channel.EventLoopGroup;
import io.warden.znode.ACL;
import io.warden.znode.AddWatchMode;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.Op;
import io.warden.znode.OpResult;
import io.warden.znode.PathUtils;
import io.warden.znode.Stat;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher;
import io.warden.znode.Watcher.Event.EventType;
import io.warden.znode.Watcher.Event.KeeperState;
import io.warden.znode.Watcher.WatcherType;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.wire.JuteRecord;
import io.warden.znode.wire.MultiCodec;
import io.warden.znode.wire.Requests;
import io.warden.znode.wire.Responses;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A ZooKeeper-protocol client: one session, kept alive across reconnects, renewed after expiry.
 *
 * <p>Threading: every method may be called from any thread and none blocks, except {@link #close()}.
 * Returned futures complete on the client's I/O thread; callers must not block in dependent
 * stages (the framework hops to the event thread before running user code). Watchers and
 * {@link SessionListener}s run on the client's single event thread, in the order the events arrived.
 *
 * <p>Paths are client paths: the chroot of the connect string is added on the way out and removed
 * on the way back. Invalid paths throw {@link IllegalArgumentException} before anything is sent.
 */
public final class ZkClient implements AutoCloseable {
    private final ClientConfig config;
    private final EventDispatcher events;
    private final ClientWatchManager watches = new ClientWatchManager();
    private final ConnectionDriver driver;

    /** Result of a create: the actual path (with any sequence suffix) and the new node's stat. */
    public record Created(String path, Stat stat) {}

    /** Data and stat read together. */
    public record DataAndStat(byte[] data, Stat stat) {}

    public record ChildrenAndStat(List<String> children, Stat stat) {}

    public record AclAndStat(List<ACL> acl, Stat stat) {}

    public ZkClient(ClientConfig config, Watcher defaultWatcher) {
        this(config, defaultWatcher, NettyResources.sharedGroup());
    }

    public ZkClient(ClientConfig config, Watcher defaultWatcher, EventLoopGroup group) {
        this.config = config;
        this.events = new EventDispatcher(config.eventThreadFactory());
        this.driver = new ConnectionDriver(config, group.next(), events, watches, defaultWatcher);
    }

    /** Starts connecting in the background. */
    public void start() {
        driver.start();
    }

    /** Closes the session (closeSession, waiting up to 1 s for the reply) and stops the event thread. */
    @Override
    public void close() {
        close(1000);
    }

    public void close(long waitMs) {
        try {
            driver.close(waitMs).get(waitMs + 2000, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // closing is best effort; the server expires what we could not close
        }
        events.shutdown(waitMs);
    }

    public ClientConfig config() { return config; }
    public ClientState getState() { return driver.state(); }
    public boolean isConnected() { return driver.state().isConnected(); }
    public long getSessionId() { return driver.sessionId(); }
    public byte[] getSessionPasswd() { return driver.passwd(); }
    /** The negotiated session timeout in ms, 0 before the first connection. */
    public int getSessionTimeout() { return driver.negotiatedTimeoutMs(); }
    public long getLastZxid() { return driver.lastZxid(); }
    public InetSocketAddress getCurrentHost() { return driver.currentHost(); }
    public EventDispatcher eventDispatcher() { return events; }
    public ClientWatchManager watchManager() { return watches; }

    public void addSessionListener(SessionListener l) { driver.addSessionListener(l); }
    public void removeSessionListener(SessionListener l) { driver.removeSessionListener(l); }

    /** Registers credentials now and re-sends them after every reconnect. */
    public void addAuthInfo(String scheme, byte[] auth) { driver.addAuth(scheme, auth); }

    /**
     * Completes when connected, or exceptionally with ConnectionLossException after {@code timeoutMs}
     * (SessionExpiredException once closed).
     */
    public CompletableFuture<Void> awaitConnected(long timeoutMs) { return driver.awaitConnected(timeoutMs); }

    /** Test seam: ends the session locally as if it had expired; a new session follows. */
    public void injectSessionExpiration() { driver.injectSessionExpiration(); }

    /**
     * Sends any request; the low-level escape hatch. The request is encoded on the calling thread; one
     * larger than jute.maxbuffer fails the returned future with IllegalArgumentException and is not sent.
     */
    public <T> CompletableFuture<T> submit(Request<T> request) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Packet<T> p;
        try {
            // encoded here, on the caller's thread: the I/O thread only stamps the xid and copies bytes
            p = new Packet<>(request, f, config.maxBufferBytes());
        } catch (IllegalArgumentException e) {
            f.completeExceptionally(e);
            return f;
        }
        driver.enqueue(p);
        return f;
    }

    private String server(String clientPath) {
        return config.connectString().prependChroot(clientPath);
    }

    private String client(String serverPath) {
        return config.connectString().stripChroot(serverPath);
    }

    // ---- operations ----

    /** create2 / createContainer / createTTL; {@code ttl} is used only by TTL modes. */
    public CompletableFuture<Created> create(String path, byte[] data, List<ACL> acl, CreateMode mode, long ttl) {
        PathUtils.validatePath(path, mode.isSequential());
        if (acl == null || acl.isEmpty()) {
            throw new IllegalArgumentException("ACL list is empty for " + path);
        }
        if (mode.isTTL() && (ttl <= 0 || ttl > 0xFF_FFFF_FFFFL)) {
            throw new IllegalArgumentException("TTL " + ttl + " out of range for " + path);
        }
        int opcode = mode.isTTL() ? OpCode.createTTL : mode.isContainer() ? OpCode.createContainer : OpCode.create2;
        JuteRecord body = new Requests.CreateRequest(server(path), data, acl, mode.toFlag(),
                mode.isTTL() ? ttl : Requests.CreateRequest.NO_TTL);
        return submit(Request.write(opcode, body, in -> {
            Responses.Create2Response r = Responses.Create2Response.read(in);
            return new Created(client(r.path()), r.stat());
        }, path));
    }

    public CompletableFuture<Void> delete(String path, int version) {
        PathUtils.validatePath(path);
        return submit(Request.write(OpCode.delete, new Requests.PathVersionRequest(server(path), version), null, path));
    }

    /** Completes with null when the node does not exist (a watcher then waits for its creation). */
    public CompletableFuture<Stat> exists(String path, Watcher watcher) {
        PathUtils.validatePath(path);
        return submit(new Request<>(OpCode.exists, new Requests.PathWatchRequest(server(path), watcher != null),
                in -> Responses.StatResponse.read(in).stat(), path, watcher, WatchKind.DATA, true, true));
    }

    public CompletableFuture<DataAndStat> getData(String path, Watcher watcher) {
        PathUtils.validatePath(path);
        return submit(Request.read(OpCode.getData, new Requests.PathWatchRequest(server(path), watcher != null), in -> {
            Responses.GetDataResponse r = Responses.GetDataResponse.read(in);
            return new DataAndStat(r.data(), r.stat());
        }, path, watcher, WatchKind.DATA));
    }

    public CompletableFuture<Stat> setData(String path, byte[] data, int version) {
        PathUtils.validatePath(path);
        return submit(Request.write(OpCode.setData, new Requests.SetDataRequest(server(path), data, version),
                in -> Responses.StatResponse.read(in).stat(), path));
    }

    /** getChildren2: names (not sorted) and the parent's stat. */
    public CompletableFuture<ChildrenAndStat> getChildren(String path, Watcher watcher) {
        PathUtils.validatePath(path);
        return submit(Request.read(OpCode.getChildren2, new Requests.PathWatchRequest(server(path), watcher != null), in -> {
            Responses.Children2Response r = Responses.Children2Response.read(in);
            return new ChildrenAndStat(r.children() == null ? List.of() : r.children(), r.stat());
        }, path, watcher, WatchKind.CHILD));
    }

    public CompletableFuture<AclAndStat> getACL(String path) {
        PathUtils.validatePath(path);
        return submit(Request.read(OpCode.getACL, new Requests.PathRequest(server(path)), in -> {
            Responses.GetACLResponse r = Responses.GetACLResponse.read(in);
            return new AclAndStat(r.acl(), r.stat());
        }, path, null, null));
    }

    public CompletableFuture<Stat> setACL(String path, List<ACL> acl, int aclVersion) {
        PathUtils.validatePath(path);
        if (acl == null || acl.isEmpty()) {
            throw new IllegalArgumentException("ACL list is empty for " + path);
        }
        return submit(Request.write(OpCode.setACL, new Requests.SetACLRequest(server(path), acl, aclVersion),
                in -> Responses.StatResponse.read(in).stat(), path));
    }

    public CompletableFuture<String> sync(String path) {
        PathUtils.validatePath(path);
        return submit(Request.read(OpCode.sync, new Requests.PathRequest(server(path)),
                in -> client(Responses.PathResponse.read(in).path()), path, null, null));
    }

    public CompletableFuture<Integer> getAllChildrenNumber(String path) {
        PathUtils.validatePath(path);
        return submit(Request.read(OpCode.getAllChildrenNumber, new Requests.PathRequest(server(path)),
                in -> Responses.IntResponse.read(in).value(), path, null, null));
    }

    /** The caller's own ephemerals under {@code prefix} (client paths). */
    public CompletableFuture<List<String>> getEphemerals(String prefix) {
        PathUtils.validatePath(prefix);
        return submit(Request.read(OpCode.getEphemerals, new Requests.PathRequest(server(prefix)), in -> {
            List<String> out = new ArrayList<>();
            List<String> l = Responses.ChildrenResponse.read(in).children();
            if (l != null) {
                l.forEach(p -> out.add(client(p)));
            }
            return out;
        }, prefix, null, null));
    }

    /**
     * An atomic multi. Completes with the results when every op succeeded; otherwise exceptionally
     * with the first failing op's KeeperException, carrying all results ({@link KeeperException#getResults()}).
     */
    public CompletableFuture<List<OpResult>> multi(List<Op> ops) {
        if (ops.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<Op> serverOps = new ArrayList<>(ops.size());
        for (Op op : ops) {
            PathUtils.validatePath(op.getPath(), op instanceof Op.Create c && CreateMode.fromFlagOrNull(c.flags()) != null
                    && CreateMode.fromFlagOrNull(c.flags()).isSequential());
            serverOps.add(withServerPath(op));
        }
        JuteRecord body = out -> MultiCodec.writeOps(out, serverOps);
        CompletableFuture<List<OpResult>> raw = submit(Request.write(OpCode.multi, body, in -> {
            List<OpResult> results = new ArrayList<>();
            for (OpResult r : MultiCodec.readResults(in)) {
                results.add(r instanceof OpResult.CreateResult c ? new OpResult.CreateResult(client(c.path()), c.stat()) : r);
            }
            return results;
        }, ops.get(0).getPath()));
        return raw.thenApply(results -> {
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i) instanceof OpResult.ErrorResult e && e.err() != 0) {
                    KeeperException ke = KeeperException.create(e.err(), i < ops.size() ? ops.get(i).getPath() : null);
                    ke.setMultiResults(results);
                    throw new CompletionException(ke);
                }
            }
            return results;
        });
    }

    private Op withServerPath(Op op) {
        if (op instanceof Op.Create c) {
            return new Op.Create(c.type(), server(c.path()), c.data(), c.acl(), c.flags(), c.ttl());
        } else if (op instanceof Op.Delete d) {
            return new Op.Delete(server(d.path()), d.version());
        } else if (op instanceof Op.SetData s) {
            return new Op.SetData(server(s.path()), s.data(), s.version());
        } else if (op instanceof Op.Check c) {
            return new Op.Check(server(c.path()), c.version());
        }
        throw new IllegalArgumentException("operation not allowed in multi: " + op);
    }

    /** addWatch: a persistent (optionally recursive) watch that stays until removed. */
    public CompletableFuture<Void> addWatch(String path, Watcher watcher, AddWatchMode mode) {
        PathUtils.validatePath(path);
        WatchKind kind = mode == AddWatchMode.PERSISTENT ? WatchKind.PERSISTENT : WatchKind.PERSISTENT_RECURSIVE;
        return submit(Request.read(OpCode.addWatch, new Requests.PathTypeRequest(server(path), mode.getMode()),
                in -> {
                    Responses.IntResponse.read(in);
                    return (Void) null;
                }, path, watcher, kind));
    }

    /**
     * Removes {@code watcher} (all watchers when null) of {@code type} on {@code path}. With
     * {@code local} only the client's tables change; otherwise the server is asked first
     * (checkWatches for one watcher, removeWatches for all). Removed watchers get a *WatchRemoved event.
     * Fails with NoWatcherException when nothing matches.
     */
    public CompletableFuture<Void> removeWatches(String path, Watcher watcher, WatcherType type, boolean local) {
        PathUtils.validatePath(path);
        if (!watches.contains(path, watcher, type)) {
            return CompletableFuture.failedFuture(new KeeperException.NoWatcherException(path));
        }
        if (local) {
            fireRemoved(path, watches.remove(path, watcher, type));
            return CompletableFuture.completedFuture(null);
        }
        int opcode = watcher == null ? OpCode.removeWatches : OpCode.checkWatches;
        return submit(Request.<Void>read(opcode, new Requests.PathTypeRequest(server(path), type.getIntValue()), null,
                path, null, null)).thenRun(() -> fireRemoved(path, watches.remove(path, watcher, type)));
    }

    private void fireRemoved(String path, Map<WatchKind, Set<Watcher>> removed) {
        removed.forEach((kind, ws) -> {
            EventType t = switch (kind) {
                case DATA, EXIST -> EventType.DataWatchRemoved;
                case CHILD -> EventType.ChildWatchRemoved;
                case PERSISTENT, PERSISTENT_RECURSIVE -> EventType.PersistentWatchRemoved;
            };
            driver.deliver(new WatchedEvent(t, KeeperState.SyncConnected, path), ws);
        });
    }
}
