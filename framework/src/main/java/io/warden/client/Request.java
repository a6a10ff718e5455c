package io.warden.client;

import io.warden.znode.Watcher;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteRecord;

/**
 * One request as the connection sends it.
 *
 * @param opcode      wire opcode
 * @param body        the record after the RequestHeader (null for none); paths already carry the chroot
 * @param decoder     reads the response body on success (null: no body)
 * @param clientPath  the path as the caller named it, for error messages and watch tables
 * @param watcher     a watcher to register on success (null for none)
 * @param watchKind   where {@code watcher} goes on success
 * @param nodeMissingIsOk exists semantics: NONODE completes with null and files an EXIST watch
 * @param readOnlyOk  whether the request may go to a read-only server
 */
public record Request<T>(int opcode, JuteRecord body, Decoder<T> decoder, String clientPath, Watcher watcher,
                         WatchKind watchKind, boolean nodeMissingIsOk, boolean readOnlyOk) {

    /** Decodes a successful response body. Runs on the I/O thread: must not block. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(JuteReader in);
    }

    public static <T> Request<T> write(int opcode, JuteRecord body, Decoder<T> decoder, String clientPath) {
        return new Request<>(opcode, body, decoder, clientPath, null, null, false, false);
    }

    public static <T> Request<T> read(int opcode, JuteRecord body, Decoder<T> decoder, String clientPath,
                                      Watcher watcher, WatchKind kind) {
        return new Request<>(opcode, body, decoder, clientPath, watcher, kind, false, true);
    }
}
