package io.warden.znode.persist;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * On-disk layout of a log segment.
 *
 * <pre>
 * file header (24 bytes): int magic "WDLG" | int version | long first zxid of the segment
 *                         | long last zxid of the previous segment when this one was created (0 if none)
 * record      (16 + n):   int payload length n | int CRC32C(length, zxid, payload) | long zxid | n payload bytes
 * </pre>
 * The previous segment's last zxid lets recovery notice whole records missing from the end of an older
 * segment. All integers are big-endian. A record header of 16 zero bytes marks the end of the data (the rest
 * of a preallocated file is zeros); zxids are therefore required to be positive.
 */
final class LogFormat {
    static final int MAGIC = 0x57444C47; // "WDLG"
    static final int VERSION = 1;
    static final int FILE_HEADER_BYTES = 24;
    static final int RECORD_HEADER_BYTES = 16;
    static final String PREFIX = "log.";

    private LogFormat() {
    }

    static String fileName(long baseZxid) {
        return PREFIX + Long.toHexString(baseZxid);
    }

    /** The base zxid encoded in a segment file name, or empty when the name is not a segment's. */
    static OptionalLong parseFileName(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith(PREFIX) || name.length() == PREFIX.length() || name.length() > PREFIX.length() + 16) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(name.substring(PREFIX.length()), 16));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static void putFileHeader(ByteBuffer buf, long baseZxid, long previousLastZxid) {
        buf.putInt(MAGIC).putInt(VERSION).putLong(baseZxid).putLong(previousLastZxid);
    }

    /**
     * CRC32C over the length, the zxid and the payload. {@code scratch} is a reusable 12-byte heap buffer;
     * {@code payload} is consumed from its position to its limit (its position is restored).
     */
    static int crc(CRC32C crc, ByteBuffer scratch, int length, long zxid, ByteBuffer payload) {
        crc.reset();
        scratch.clear();
        scratch.putInt(length).putLong(zxid).flip();
        crc.update(scratch);
        int p = payload.position();
        crc.update(payload);
        payload.position(p);
        return (int) crc.getValue();
    }

    static int crc(CRC32C crc, ByteBuffer scratch, long zxid, byte[] payload) {
        crc.reset();
        scratch.clear();
        scratch.putInt(payload.length).putLong(zxid).flip();
        crc.update(scratch);
        crc.update(payload, 0, payload.length);
        return (int) crc.getValue();
    }

    static String hex(long zxid) {
        return "0x" + Long.toHexString(zxid);
    }
}
