package io.warden.sim;

import io.warden.zab.Snapshot;
import io.warden.zab.StateMachine;
import io.warden.zab.Txn;
import io.warden.zab.Zxid;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The replicated application of the simulation: a running digest of every applied transaction.
 * Reports each apply and restore to the {@link InvariantChecker}.
 */
final class SimApp implements StateMachine {
    private final long node;
    private final InvariantChecker checker;
    private long appliedZxid;
    private long count;
    private long digest;

    SimApp(long node, InvariantChecker checker, Snapshot from) {
        this.node = node;
        this.checker = checker;
        load(from);
        checker.onRestore(node, appliedZxid, count, digest);
    }

    static Snapshot emptySnapshot() {
        return new Snapshot(Zxid.ZERO, encode(0, 0));
    }

    static long mix(long digest, Txn txn) {
        long h = digest * 0x9E3779B97F4A7C15L + txn.zxid();
        h ^= Arrays.hashCode(txn.payload()) * 0xC2B2AE3D27D4EB4FL;
        return h ^ (h >>> 29);
    }

    @Override
    public void apply(Txn txn) {
        if (txn.zxid() <= appliedZxid) {
            throw new IllegalStateException("node " + node + " re-applies " + Zxid.toString(txn.zxid()));
        }
        digest = mix(digest, txn);
        appliedZxid = txn.zxid();
        count++;
        checker.onApply(node, count, txn, digest);
    }

    @Override
    public void restore(Snapshot snapshot) {
        load(snapshot);
        checker.onRestore(node, appliedZxid, count, digest);
    }

    @Override
    public Snapshot takeSnapshot() {
        return new Snapshot(appliedZxid, encode(count, digest));
    }

    long appliedZxid() {
        return appliedZxid;
    }

    long digest() {
        return digest;
    }

    long count() {
        return count;
    }

    private void load(Snapshot s) {
        ByteBuffer b = ByteBuffer.wrap(s.data().toByteArray());
        appliedZxid = s.zxid();
        count = b.getLong();
        digest = b.getLong();
    }

    private static byte[] encode(long count, long digest) {
        return ByteBuffer.allocate(16).putLong(count).putLong(digest).array();
    }
}
