package io.warden.server.net;

/**
 * Where the client port hands its traffic. Called on Netty event-loop threads; implementations must
 * not block (they enqueue to the pipeline thread).
 */
public interface ClientRequestSink {
    void opened(ClientConnection connection);

    /** A whole frame: the ConnectRequest first, then RequestHeader + body frames. */
    void frame(ClientConnection connection, byte[] frame);

    void fourLetterWord(ClientConnection connection, int code);

    void closed(ClientConnection connection);
}
