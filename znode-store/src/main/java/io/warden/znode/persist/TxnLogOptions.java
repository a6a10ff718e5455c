package io.warden.znode.persist;

import java.util.Objects;

/**
 * Tuning for {@link TxnLog}.
 *
 * @param segmentBytes     a segment is rolled once appending a record would grow it past this size
 *                         (a single oversized record still gets a segment of its own)
 * @param preallocateBytes when positive, segment files are extended with zeros in steps of this size
 *                         ahead of the write position, so most fsyncs need no file-size metadata update;
 *                         0 disables preallocation
 * @param maxPayloadBytes  largest payload accepted on append and believed on recovery
 * @param fsync            how bytes are made durable
 */
public record TxnLogOptions(long segmentBytes, long preallocateBytes, int maxPayloadBytes, Fsync fsync) {
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
        return new TxnLogOptions(DEFAULT_SEGMENT_BYTES, 0, DEFAULT_MAX_PAYLOAD_BYTES, Fsync.REAL);
    }

    public TxnLogOptions withSegmentBytes(long bytes) {
        return new TxnLogOptions(bytes, preallocateBytes, maxPayloadBytes, fsync);
    }

    public TxnLogOptions withPreallocateBytes(long bytes) {
        return new TxnLogOptions(segmentBytes, bytes, maxPayloadBytes, fsync);
    }

    public TxnLogOptions withMaxPayloadBytes(int bytes) {
        return new TxnLogOptions(segmentBytes, preallocateBytes, bytes, fsync);
    }

    public TxnLogOptions withFsync(Fsync f) {
        return new TxnLogOptions(segmentBytes, preallocateBytes, maxPayloadBytes, f);
    }
}
