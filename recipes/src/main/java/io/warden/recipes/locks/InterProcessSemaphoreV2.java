package io.warden.recipes.locks;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.internal.Sequences;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A counting semaphore across processes: at most {@code maxLeases} leases are held at once. Each
 * lease is a protected EPHEMERAL_SEQUENTIAL node under {@code path}; the first {@code maxLeases}
 * in sequence order hold. Waiters watch the children (any release may free a slot); with one
 * lease they watch only their predecessor. Nodes of timed-out or interrupted attempts are deleted.
 *
 * <p>Threading: thread-safe; acquire blocks and must not run on a client's event thread. Leases
 * are not tied to threads. Note: the node layout differs from Curator's semaphore (no shared
 * internal lock), so do not mix both on one path.
 */
public class InterProcessSemaphoreV2 {
    private static final String LEASE_NAME = "lease-";

    private final CuratorFramework client;
    private final LockInternals internals;
    private final byte[] nodeData;

    public InterProcessSemaphoreV2(CuratorFramework client, String path, int maxLeases) {
        if (maxLeases < 1) {
            throw new IllegalArgumentException("maxLeases must be >= 1: " + maxLeases);
        }
        this.client = client;
        this.nodeData = null;
        this.internals = new LockInternals(client, path, LEASE_NAME,
                (sorted, idx) -> LockInternals.mutexDecision(sorted, idx, maxLeases));
    }

    /** Blocks until one lease is held. */
    public Lease acquire() throws Exception {
        return acquire(1, -1, null).iterator().next();
    }

    /** Blocks until {@code qty} leases are held. */
    public Collection<Lease> acquire(int qty) throws Exception {
        return acquire(qty, -1, null);
    }

    /** @return the lease, or null on timeout */
    public Lease acquire(long time, TimeUnit unit) throws Exception {
        Collection<Lease> leases = acquire(1, time, unit);
        return leases == null ? null : leases.iterator().next();
    }

    /** @return the leases, or null on timeout (none are kept) */
    public Collection<Lease> acquire(int qty, long time, TimeUnit unit) throws Exception {
        if (qty < 1) {
            throw new IllegalArgumentException("qty must be >= 1: " + qty);
        }
        long deadline = unit == null ? Long.MAX_VALUE : System.nanoTime() + unit.toNanos(time);
        List<Lease> leases = new ArrayList<>(qty);
        boolean ok = false;
        try {
            for (int i = 0; i < qty; i++) {
                long remaining = unit == null ? -1 : Math.max(0, deadline - System.nanoTime());
                internals.enter();
                LockInternals.Node node;
                try {
                    node = internals.attempt(remaining, nodeData);
                } catch (Exception e) {
                    internals.exit();
                    throw e;
                }
                if (node == null) {
                    internals.exit();
                    return null;
                }
                leases.add(new NodeLease(node.path()));
            }
            ok = true;
            return leases;
        } finally {
            if (!ok) {
                returnAll(leases);
            }
        }
    }

    public void returnLease(Lease lease) {
        try {
            lease.close();
        } catch (IOException e) {
            throw new IllegalStateException("could not return lease " + lease.getNodeName(), e);
        }
    }

    public void returnAll(Collection<Lease> leases) {
        for (Lease l : leases) {
            returnLease(l);
        }
    }

    /** All lease nodes (full paths), holders first. */
    public Collection<String> getParticipantNodes() throws Exception {
        List<String> out = new ArrayList<>();
        for (String name : internals.getSortedChildren()) {
            out.add(Sequences.join(internals.basePath(), name));
        }
        return out;
    }

    private final class NodeLease implements Lease {
        private final String path;
        private boolean closed;

        NodeLease(String path) {
            this.path = path;
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                internals.deleteNode(path);
            } catch (Exception e) {
                throw new IOException("could not delete lease " + path + " (retried in the background)", e);
            } finally {
                internals.exit();
            }
        }

        @Override
        public byte[] getData() throws Exception {
            return client.getData().forPath(path);
        }

        @Override
        public String getNodeName() {
            return Sequences.nodeName(path);
        }
    }
}
