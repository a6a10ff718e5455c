package io.warden.framework.api;

import io.warden.client.ZkClient;
import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.framework.imps.FrameworkCore;
import io.warden.framework.imps.TreeOps;
import io.warden.retry.RetryPolicy;
import io.warden.znode.ACL;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.Stat;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code client.create()}: creates a node and returns its actual path (namespace-relative, with any
 * sequence suffix). Modifiers, in any order: creatingParentsIfNeeded, creatingParentContainersIfNeeded,
 * withProtection, withMode, withTtl, withACL, storingStatIn, orSetData, idempotent, compressed, inBackground.
 */
public final class CreateBuilder extends OperationBuilder<CreateBuilder> {
    /** Prefix of protected node names: {@code _c_<uuid>-<name>}. */
    public static final String PROTECTED_PREFIX = "_c_";

    private boolean createParents;
    private boolean parentsAsContainers;
    private boolean protection;
    private CreateMode mode = CreateMode.PERSISTENT;
    private long ttl = -1;
    private List<ACL> acl;
    private Stat storingStatIn;
    private boolean orSetData;
    private int setDataVersion = -1;
    private boolean idempotent;
    private boolean compressed;

    public CreateBuilder(CuratorFrameworkImpl client) {
        super(client);
        this.compressed = core.compressionEnabled();
    }

    /** Creates missing parents as persistent nodes. */
    public CreateBuilder creatingParentsIfNeeded() {
        createParents = true;
        return this;
    }

    /** Creates missing parents as container nodes (deleted by the server once empty). */
    public CreateBuilder creatingParentContainersIfNeeded() {
        createParents = true;
        parentsAsContainers = true;
        return this;
    }

    /**
     * Prefixes the node name with a unique id, so that after a connection loss the node created
     * by this call is found again instead of being created twice.
     */
    public CreateBuilder withProtection() {
        protection = true;
        return this;
    }

    /** Shortcut for {@code withProtection().withMode(EPHEMERAL_SEQUENTIAL)}. */
    public CreateBuilder withProtectedEphemeralSequential() {
        protection = true;
        mode = CreateMode.EPHEMERAL_SEQUENTIAL;
        return this;
    }

    public CreateBuilder withMode(CreateMode mode) {
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** Time to live in ms for PERSISTENT_WITH_TTL / PERSISTENT_SEQUENTIAL_WITH_TTL (server needs extended types). */
    public CreateBuilder withTtl(long ttlMs) {
        this.ttl = ttlMs;
        return this;
    }

    public CreateBuilder withACL(List<ACL> acl) {
        this.acl = acl == null ? null : List.copyOf(acl);
        return this;
    }

    /** Parents are created with the ACL provider's ACL; {@code applyToParents} is accepted for Curator compatibility. */
    public CreateBuilder withACL(List<ACL> acl, boolean applyToParents) {
        return withACL(acl);
    }

    public CreateBuilder storingStatIn(Stat stat) {
        this.storingStatIn = stat;
        return this;
    }

    /** If the node exists, set its data instead of failing. */
    public CreateBuilder orSetData() {
        return orSetData(-1);
    }

    public CreateBuilder orSetData(int version) {
        orSetData = true;
        setDataVersion = version;
        return this;
    }

    /** If the node already exists with the same data, succeed (a retried create whose first reply was lost). */
    public CreateBuilder idempotent() {
        idempotent = true;
        return this;
    }

    public CreateBuilder compressed() {
        compressed = true;
        return this;
    }

    /** Creates with the client's default data. */
    public String forPath(String path) throws Exception {
        return forPath(path, core.defaultData());
    }

    public String forPath(String path, byte[] data) throws Exception {
        CompletableFuture<ZkClient.Created> f = start(path, data);
        if (protection && !isBackground()) {
            try {
                return ns.unfix(FrameworkCore.await(f).path());
            } catch (InterruptedException e) {
                // the caller will never learn the name: a create that still lands would be an orphan
                f.thenAccept(c -> deleteAbandoned(c.path()));
                throw e;
            }
        }
        return complete(f, c -> ns.unfix(c.path()), CuratorEventType.CREATE, path,
                (b, c) -> b.name(ns.unfix(c.path())).stat(c.stat()));
    }

    /** Like {@link #forPath(String, byte[])} but never blocks; dependents run on the event thread. */
    public CompletionStage<String> forPathAsync(String path, byte[] data) {
        return onEventThread(start(path, data).thenApply(c -> ns.unfix(c.path())));
    }

    private CompletableFuture<ZkClient.Created> start(String path, byte[] data) {
        core.checkStarted();
        if (mode.isTTL() && ttl <= 0) {
            throw new IllegalArgumentException("mode " + mode + " needs withTtl(ms > 0) for " + path);
        }
        io.warden.znode.PathUtils.validatePath(path, mode.isSequential());
        String protectedId = protection ? UUID.randomUUID().toString() : null;
        String adjusted = protection ? protectedPath(path, protectedId) : path;
        String fixed = ns.fix(adjusted, mode.isSequential());
        byte[] payload = data;
        if (compressed && data != null) {
            try {
                payload = core.compressionProvider().compress(fixed, data);
            } catch (Exception e) {
                throw new IllegalArgumentException("compression failed for " + path, e);
            }
        }
        byte[] body = payload;
        List<ACL> acls = acl != null ? acl : core.aclFor(fixed);
        CompletableFuture<ZkClient.Created> f = core.retrying(n -> core.inNamespace(ns, () -> attempt(n, fixed, body, acls, protectedId)));
        if (protectedId != null) {
            f.whenComplete((c, e) -> {
                if (e != null && FrameworkCore.unwrap(e) instanceof KeeperException ke && RetryPolicy.isRetryable(ke.code())) {
                    deleteOrphan(fixed, protectedId);
                }
            });
        }
        if (storingStatIn == null) {
            return f;
        }
        return f.thenApply(c -> {
            if (c.stat() != null) {
                storingStatIn.copyFrom(c.stat());
            }
            return c;
        });
    }

    private static String protectedPath(String path, String id) {
        int idx = path.lastIndexOf('/');
        return path.substring(0, idx + 1) + PROTECTED_PREFIX + id + "-" + path.substring(idx + 1);
    }

    private CompletableFuture<ZkClient.Created> attempt(int n, String fixed, byte[] data, List<ACL> acls, String protectedId) {
        if (protectedId == null || n == 0) {
            return create(fixed, data, acls);
        }
        return findProtected(fixed, protectedId)
                .thenCompose(c -> c != null ? CompletableFuture.completedFuture(c) : create(fixed, data, acls));
    }

    /** After a connection loss: did the lost create succeed? Look for our protected id among the parent's children. */
    private CompletableFuture<ZkClient.Created> findProtected(String fixed, String id) {
        String parent = TreeOps.parentOf(fixed);
        String prefix = PROTECTED_PREFIX + id + "-";
        return core.zk().getChildren(parent, null).handle((r, e) -> {
            if (e != null) {
                if (FrameworkCore.unwrap(e) instanceof KeeperException.NoNodeException) {
                    return null;
                }
                throw new java.util.concurrent.CompletionException(FrameworkCore.unwrap(e));
            }
            for (String child : r.children()) {
                if (child.startsWith(prefix)) {
                    String p = parent.equals("/") ? "/" + child : parent + "/" + child;
                    return new ZkClient.Created(p, null);
                }
            }
            return null;
        });
    }

    /** The create failed for good after a connection problem: if it did succeed unseen, remove the orphan. */
    private void deleteOrphan(String fixed, String protectedId) {
        core.retrying(n -> findProtected(fixed, protectedId).thenCompose(c -> c == null
                ? CompletableFuture.completedFuture(null) : TreeOps.ignoreNoNode(core.zk().delete(c.path(), -1))));
    }

    private void deleteAbandoned(String fixedPath) {
        core.retrying(n -> TreeOps.ignoreNoNode(core.zk().delete(fixedPath, -1)));
    }

    private CompletableFuture<ZkClient.Created> create(String fixed, byte[] data, List<ACL> acls) {
        ZkClient zk = core.zk();
        CompletableFuture<ZkClient.Created> f = zk.create(fixed, data, acls, mode, ttl);
        if (createParents) {
            f = f.exceptionallyCompose(e -> {
                if (FrameworkCore.unwrap(e) instanceof KeeperException.NoNodeException) {
                    return core.mkdirs(TreeOps.parentOf(fixed), true, parentsAsContainers)
                            .thenCompose(v -> zk.create(fixed, data, acls, mode, ttl));
                }
                return CompletableFuture.failedFuture(FrameworkCore.unwrap(e));
            });
        }
        if (orSetData || idempotent) {
            f = f.exceptionallyCompose(e -> {
                if (!(FrameworkCore.unwrap(e) instanceof KeeperException.NodeExistsException)) {
                    return CompletableFuture.failedFuture(FrameworkCore.unwrap(e));
                }
                if (orSetData) {
                    return zk.setData(fixed, data, setDataVersion).thenApply(stat -> new ZkClient.Created(fixed, stat));
                }
                return zk.getData(fixed, null).thenCompose(d -> Arrays.equals(d.data(), data)
                        ? CompletableFuture.completedFuture(new ZkClient.Created(fixed, d.stat()))
                        : CompletableFuture.failedFuture(new KeeperException.NodeExistsException(ns.unfix(fixed))));
            });
        }
        return f;
    }
}
