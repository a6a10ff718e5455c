package io.warden.server.quorum;

/** A peer sent bytes that are not a valid {@link PeerFrame}; its connection is closed. */
public final class PeerCodecException extends RuntimeException {
    public PeerCodecException(String message) {
        super(message);
    }

    public PeerCodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
