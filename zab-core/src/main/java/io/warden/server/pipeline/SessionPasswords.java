package io.warden.server.pipeline;

import io.warden.znode.wire.JuteStreamReader;
import io.warden.znode.wire.WireFormatException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Session passwords derived as HMAC-SHA256(server secret, session id), truncated to 16 bytes. The
 * secret lives in the data dir, so a client can re-attach its session after a server restart, and a
 * password is never guessable from the id (ZooKeeper's are).
 */
public final class SessionPasswords {
    /**
     * Starts the section an ensemble member writes after the tree in its snapshots: the replicated
     * session passwords ("WPW1"). Standalone recovery skips it.
     */
    public static final int SNAPSHOT_SECTION_MAGIC = 0x57505731;
    private static final String FILE = "session.secret";

    /**
     * Reads what follows the tree in a snapshot: nothing, or the password section, whose entries go
     * to {@code sink} (session id, password; the password may be null).
     *
     * @throws WireFormatException when anything else follows the tree
     */
    public static void readSnapshotSection(JuteStreamReader in, BiConsumer<Long, byte[]> sink) {
        long after = in.remaining();
        if (after == 0) {
            return;
        }
        if (after < 4 || in.readInt() != SNAPSHOT_SECTION_MAGIC) {
            throw new WireFormatException(after + " trailing bytes after the tree in a snapshot");
        }
        int n = in.readInt();
        if (n < 0 || n > in.remaining()) {
            throw new WireFormatException("bad session password count " + n + " in a snapshot");
        }
        for (int i = 0; i < n; i++) {
            long id = in.readLong();
            sink.accept(id, in.readBuffer());
        }
        if (in.remaining() != 0) {
            throw new WireFormatException(in.remaining() + " trailing bytes after the passwords in a snapshot");
        }
    }
    private final SecretKeySpec key;

    private SessionPasswords(byte[] secret) {
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Passwords from a given 32-byte secret (an ensemble's members must share one). */
    public static SessionPasswords of(byte[] secret) {
        if (secret.length != 32) {
            throw new IllegalArgumentException("the session secret must be 32 bytes");
        }
        return new SessionPasswords(secret.clone());
    }

    static SessionPasswords open(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (Files.exists(file)) {
            byte[] secret = Files.readAllBytes(file);
            if (secret.length == 32) {
                return new SessionPasswords(secret);
            }
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve(FILE + ".tmp");
        Files.write(tmp, secret);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return new SessionPasswords(secret);
    }

    public byte[] passwordFor(long sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(ByteBuffer.allocate(8).putLong(sessionId).array());
            return Arrays.copyOf(full, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
