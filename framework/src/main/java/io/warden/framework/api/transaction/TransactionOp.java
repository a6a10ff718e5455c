package io.warden.framework.api.transaction;

import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.framework.imps.Namespace;
import io.warden.znode.ACL;
import io.warden.znode.CreateMode;
import io.warden.znode.Op;

import java.util.List;

/**
 * Builds the operations of a transaction: {@code client.transactionOp().create().withMode(m).forPath(p, data)}.
 * Builds only; nothing is sent until {@code client.transaction().forOperations(...)}.
 */
public final class TransactionOp {
    private final CuratorFrameworkImpl client;

    public TransactionOp(CuratorFrameworkImpl client) {
        this.client = client;
    }

    public CreateOp create() { return new CreateOp(); }
    public DeleteOp delete() { return new DeleteOp(); }
    public SetDataOp setData() { return new SetDataOp(); }
    public CheckOp check() { return new CheckOp(); }

    private Namespace ns() { return client.namespaceInfo(); }

    private byte[] compress(String fixed, byte[] data) {
        try {
            return client.core().compressionProvider().compress(fixed, data);
        } catch (Exception e) {
            throw new IllegalArgumentException("compression failed for " + fixed, e);
        }
    }

    /** A create inside a transaction. */
    public final class CreateOp {
        private CreateMode mode = CreateMode.PERSISTENT;
        private List<ACL> acl;
        private long ttl = -1;
        private boolean compressed = client.core().compressionEnabled();

        public CreateOp withMode(CreateMode mode) { this.mode = mode; return this; }
        public CreateOp withACL(List<ACL> acl) { this.acl = acl; return this; }
        public CreateOp withTtl(long ttl) { this.ttl = ttl; return this; }
        public CreateOp compressed() { this.compressed = true; return this; }

        public CuratorOp forPath(String path) {
            return forPath(path, client.core().defaultData());
        }

        public CuratorOp forPath(String path, byte[] data) {
            if (mode.isTTL() && ttl <= 0) {
                throw new IllegalArgumentException("mode " + mode + " needs withTtl(ms > 0) for " + path);
            }
            String fixed = ns().fix(path, mode.isSequential());
            byte[] payload = compressed && data != null ? compress(fixed, data) : data;
            List<ACL> acls = acl != null ? acl : client.core().aclFor(fixed);
            return new CuratorOp(OperationType.CREATE, path, Op.create(fixed, payload, acls, mode, ttl));
        }
    }

    /** A delete inside a transaction. */
    public final class DeleteOp {
        private int version = -1;

        public DeleteOp withVersion(int version) { this.version = version; return this; }

        public CuratorOp forPath(String path) {
            return new CuratorOp(OperationType.DELETE, path, Op.delete(ns().fix(path), version));
        }
    }

    /** A setData inside a transaction. */
    public final class SetDataOp {
        private int version = -1;
        private boolean compressed = client.core().compressionEnabled();

        public SetDataOp withVersion(int version) { this.version = version; return this; }
        public SetDataOp compressed() { this.compressed = true; return this; }

        public CuratorOp forPath(String path) {
            return forPath(path, client.core().defaultData());
        }

        public CuratorOp forPath(String path, byte[] data) {
            String fixed = ns().fix(path);
            return new CuratorOp(OperationType.SET_DATA, path,
                    Op.setData(fixed, compressed && data != null ? compress(fixed, data) : data, version));
        }
    }

    /** A version check inside a transaction: the transaction fails unless the node has this version. */
    public final class CheckOp {
        private int version = -1;

        public CheckOp withVersion(int version) { this.version = version; return this; }

        public CuratorOp forPath(String path) {
            return new CuratorOp(OperationType.CHECK, path, Op.check(ns().fix(path), version));
        }
    }
}
