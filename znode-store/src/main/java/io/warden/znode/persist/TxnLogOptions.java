package io.warden.znode.persist;

import java.util.Objects;

/**
 * Tuning for {@link TxnLog}.
 *
 * @param segmentBytes     a segment is rolled once appending a record would grow it past this size
 *                         (a single oversized record still gets a segment of its own)
 * @param preallocateBytes when positive, segment files are extended in steps of this size (never past
 *                         {@code segmentBytes} unless a record needs it) ahead of the write position, so most
 *                         fsyncs need no file-size update; 0 (the default) disables preallocation. Measured
 *                         on a 2-core VM: zero-fill cut single-entry fsync latency by about a third but halved
 *                         batched bandwidth; sparse results were noisy. Measure on the target disk.
 * @param zeroFill         preallocate by writing zeros (lowest fsync latency, costs write bandwidth) instead of
 *                         extending the file sparsely with a single byte (cheap, most of the gain)
 * @param maxPayloadBytes  largest payload accepted on append and believed on recovery
 * @param fsync            how bytes are made durable
 */
public record TxnLogOptions(long segmentBytes, long preallocateBytes, boolean zeroFill, int maxPayloadBytes, Fsync fsync) {
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    public static final int DEFAULT_MAX_PAYLOAD_BYTES = 64 << 20;

    public TxnLogOptions {
        if (segmentBytes < LogFormat.FILE_HEADER_BYTES + LogFormat.RECORD_HEADER_BYTES) {
            throw new IllegalArgumentException("segmentBytes too small: " + segmentBytes);
        }
        if (preallocateBytes < 0) {
            throw new IllegalArgumentException("preallocateBytes must be >= 0: " + preallocateBytes);
        }
        if (maxPayloadBytes < 0 || maxPayloadBytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("maxPayloadBytes out of range: " + maxPayloadBytes);
        }
        Objects.requireNonNull(fsync, "fsync");
    }

    public static TxnLogOptions defaults() {
        return new TxnLogOptions(DEFAULT_SEGMENT_BYTES, 0, false, DEFAULT_MAX_PAYLOAD_BYTES, Fsync.REAL);
    }

    public TxnLogOptions withSegmentBytes(long bytes) {
        return new TxnLogOptions(bytes, preallocateBytes, zeroFill, maxPayloadBytes, fsync);
    }

    public TxnLogOptions withPreallocateBytes(long bytes) {
        return new TxnLogOptions(segmentBytes, bytes, zeroFill, maxPayloadBytes, fsync);
    }

    public TxnLogOptions withZeroFill(boolean zero) {
        return new TxnLogOptions(segmentBytes, preallocateBytes, zero, maxPayloadBytes, fsync);
    }

    public TxnLogOptions withMaxPayloadBytes(int bytes) {
        return new TxnLogOptions(segmentBytes, preallocateBytes, zeroFill, bytes, fsync);
    }

    public TxnLogOptions withFsync(Fsync f) {
        return new TxnLogOptions(segmentBytes, preallocateBytes, zeroFill, maxPayloadBytes, f);
    }
}
