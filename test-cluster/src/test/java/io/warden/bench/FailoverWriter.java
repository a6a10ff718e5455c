package io.warden.bench;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apache.zookeeper.AsyncCallback;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;

/**
 * One writing session of the failover load: an issuing thread keeps {@code window} setData requests
 * outstanding on one node through the official ZooKeeper client, whatever happens to the ensemble.
 * A session that the ensemble expires (or refuses as expired) is replaced by a new one and counted;
 * a session that stops answering can be {@linkplain #recycle() recycled}, so a trial never hangs.
 *
 * <p>For a trial it finds the first acknowledged write <em>issued after</em> a kill: such a write
 * can only have been committed by a new leader. {@link #armFloor} (before the kill) and {@link #mark}
 * (with the exact kill time, after it) bracket the signal, so an ack that lands in between is not lost.
 *
 * <p>Thread-safe: the issuing thread, the client's event thread (callbacks) and the benchmark's main
 * thread (queries) share only atomics.
 */
final class FailoverWriter implements AutoCloseable {
    private static final long UNSET = Long.MIN_VALUE;
    private static final int OK = KeeperException.Code.OK.intValue();

    private final String connectString;
    private final String path;
    private final byte[] payload;
    private final Semaphore slots;
    private final Thread thread;
    private final AsyncCallback.StatCallback callback = this::completed;
    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicInteger expiredSessions = new AtomicInteger();
    private final AtomicInteger recycledSessions = new AtomicInteger();
    private final AtomicLong firstAckAfterMark = new AtomicLong(Long.MAX_VALUE);
    private final ConcurrentLinkedQueue<long[]> gapAcks = new ConcurrentLinkedQueue<>();
    private volatile ZooKeeper zk;
    private volatile boolean stopping;
    private volatile boolean recycleRequested;
    private volatile boolean lastFailed;
    private volatile long lastAckNanos = UNSET;
    private volatile long floor = UNSET;
    private volatile long mark = UNSET;

    FailoverWriter(String name, String connectString, String path, byte[] payload, int window) throws Exception {
        this.connectString = connectString;
        this.path = path;
        this.payload = payload;
        this.slots = new Semaphore(window);
        this.zk = ZooKeeperAsyncClient.connect(connectString);
        this.thread = new Thread(this::loop, name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        try {
            while (!stopping) {
                if (recycleRequested) {
                    recycleRequested = false;
                    recycledSessions.incrementAndGet();
                    replace();
                }
                if (!slots.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                if (lastFailed) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1)); // no busy spin while writes fail
                }
                if (!zk.getState().isAlive()) {
                    expiredSessions.incrementAndGet();
                    replace(); // expired or refused as expired: a new session, as an application would
                }
                issue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void issue() {
        Long start = System.nanoTime();
        try {
            zk.setData(path, payload, -1, callback, start);
        } catch (RuntimeException e) {
            failed.increment();
            lastFailed = true;
            slots.release();
        }
    }

    private void replace() throws InterruptedException {
        ZooKeeper old = zk;
        try {
            zk = new ZooKeeper(connectString, ZooKeeperAsyncClient.SESSION_TIMEOUT_MS, event -> { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create a ZooKeeper client for " + connectString, e);
        }
        old.close(2_000); // fails whatever was still outstanding on it, which gives the slots back
    }

    private void completed(int rc, String p, Object ctx, org.apache.zookeeper.data.Stat stat) {
        long now = System.nanoTime();
        long start = (Long) ctx;
        if (rc == OK) {
            ok.increment();
            lastFailed = false;
            lastAckNanos = now;
            noteAck(start, now);
        } else {
            failed.increment();
            lastFailed = true;
        }
        slots.release();
    }

    private void noteAck(long start, long ack) {
        long m = mark;
        if (m != UNSET) {
            if (start > m) {
                firstAckAfterMark.accumulateAndGet(ack, Math::min);
            }
            return;
        }
        long f = floor;
        if (f != UNSET && start > f) {
            gapAcks.add(new long[] {start, ack});
            long m2 = mark; // set meanwhile? then mark() may have drained already: settle it here
            if (m2 != UNSET && start > m2) {
                firstAckAfterMark.accumulateAndGet(ack, Math::min);
            }
        }
    }

    /** Before a kill: from now on remember acks of writes issued after {@code floorNanos}. */
    void armFloor(long floorNanos) {
        firstAckAfterMark.set(Long.MAX_VALUE);
        gapAcks.clear();
        mark = UNSET;
        floor = floorNanos;
    }

    /** After the kill: count only writes issued after {@code killNanos} (>= the floor). */
    void mark(long killNanos) {
        mark = killNanos;
        for (long[] a : gapAcks) {
            if (a[0] > killNanos) {
                firstAckAfterMark.accumulateAndGet(a[1], Math::min);
            }
        }
        gapAcks.clear();
    }

    /** Ends a trial: acks are no longer tracked. */
    void disarm() {
        floor = UNSET;
        mark = UNSET;
        gapAcks.clear();
    }

    /** nanoTime of the first ack of a write issued after the mark, or empty. */
    java.util.OptionalLong firstAckAfterMark() {
        long v = firstAckAfterMark.get();
        return v == Long.MAX_VALUE ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(v);
    }

    /** True if a write was acknowledged after {@code sinceNanos}. */
    boolean ackedSince(long sinceNanos) {
        long last = lastAckNanos;
        return last != UNSET && last - sinceNanos > 0;
    }

    /** Asks the issuing thread to drop this session for a new one (e.g. it stopped answering). */
    void recycle() {
        recycleRequested = true;
    }

    /** The session in use now (tests inject faults into it). */
    ZooKeeper currentSession() {
        return zk;
    }

    long ok() {
        return ok.sum();
    }

    long failed() {
        return failed.sum();
    }

    /** Sessions found expired (or refused as expired) and replaced by a new one. */
    int expiredSessions() {
        return expiredSessions.get();
    }

    /** Sessions dropped for a new one because they stopped answering. */
    int recycledSessions() {
        return recycledSessions.get();
    }

    /** Stops issuing and closes the session (outstanding requests fail). Blocks up to a few seconds. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.join(5_000);
        zk.close(2_000);
    }
}
