package io.warden.zab;

import io.warden.zab.message.ZabMessage;

/**
 * The transport seam. Non-blocking; may lose, delay or reorder messages: the core tolerates all of
 * it (duplicates are ignored, holes and strays end the connection and trigger re-sync).
 */
public interface ZabTransport {
    void send(long to, ZabMessage message);
}
