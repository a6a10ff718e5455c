package io.warden.znode.wire;


import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Decodes jute primitives from a stream of known length through one fixed buffer, so a record far
 * larger than memory allows as one array (a snapshot of a big tree) is read piece by piece. Lengths
 * are checked against {@code maxLength} and against the bytes left, so a bad length fails as
 * truncated instead of allocating. A failing stream throws {@link UncheckedIOException}. Does not
 * close the stream. Not thread-safe.
 */
public final class JuteStreamReader implements JuteInput {
    /** The smallest buffer: one long. */
    public static final int MIN_BUFFER = 8;

    private final InputStream in;
    private final int maxLength;
    private final byte[] buf;
    private int pos;
    private int lim;
    /** Bytes of the declared length not yet pulled from the stream. */
    private long unread;

    /**
     * @param length     how many bytes the stream holds for this reader
     * @param bufferSize at least {@link #MIN_BUFFER}; longer strings and buffers bypass it
     */
    public JuteStreamReader(InputStream in, long length, int bufferSize, int maxLength) {
        if (bufferSize < MIN_BUFFER || length < 0) {
            throw new IllegalArgumentException("buffer " + bufferSize + ", length " + length);
        }
        this.in = in;
        this.unread = length;
        this.buf = new byte[bufferSize];
        this.maxLength = maxLength;
    }

    /** Bytes of the declared length not decoded yet. */
    public long remaining() {
        return unread + (lim - pos);
    }

    /** Makes {@code n <= buf.length} bytes available at {@code pos}. */
    private void need(int n) {
        if (lim - pos >= n) {
            return;
        }
        if (n > remaining()) {
            throw new WireFormatException("record truncated: need " + n + " bytes, " + remaining() + " left");
        }
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        lim -= pos;
        pos = 0;
        while (lim < n) {
            int got = pull(buf, lim, (int) Math.min(buf.length - lim, unread));
            lim += got;
        }
    }

    /** Reads at least one byte of the declared length from the stream. */
    private int pull(byte[] into, int off, int len) {
        try {
            int got = in.read(into, off, len);
            if (got < 0) {
                throw new WireFormatException("stream ended " + unread + " bytes before its declared length");
            }
            unread -= got;
            return got;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int readInt() {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8)
                | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    @Override
    public int readLength(String what) {
        int len = readInt();
        if (len < -1 || len > maxLength) {
            throw new WireFormatException("Unreasonable length = " + len + " for " + what);
        }
        if (len > remaining()) {
            throw new WireFormatException("record truncated: " + what + " of " + len + " bytes, " + remaining()
                    + " left");
        }
        return len;
    }

    /** {@code len} bytes into a new array: what is buffered, the rest straight from the stream. */
    private byte[] readBytes(int len) {
        byte[] out = new byte[len];
        int buffered = Math.min(len, lim - pos);
        System.arraycopy(buf, pos, out, 0, buffered);
        pos += buffered;
        for (int off = buffered; off < len; ) {
            off += pull(out, off, len - off);
        }
        return out;
    }

    @Override
    public byte[] readBuffer() {
        int len = readLength("buffer");
        return len == -1 ? null : readBytes(len);
    }

    @Override
    public String readString() {
        int len = readLength("string");
        if (len == -1) {
            return null;
        }
        if (len > buf.length) {
            return new String(readBytes(len), StandardCharsets.UTF_8);
        }
        need(len);
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }
}
