package io.warden.znode.wire;

/** Bytes that do not decode as the expected jute record: truncated, unreasonable lengths, unknown tags. */
public final class WireFormatException extends RuntimeException {
    public WireFormatException(String message) {
        super(message);
    }
}
