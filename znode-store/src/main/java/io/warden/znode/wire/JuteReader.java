package io.warden.znode.wire;

import io.warden.znode.Stat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes jute primitives from a byte array. Every length is checked against {@code maxLength}
 * so a hostile frame cannot make us allocate more than the frame limit. Not thread-safe.
 */
public final class JuteReader implements JuteInput {
    /** jute.maxbuffer's default, 0xfffff bytes. */
    public static final int DEFAULT_MAX_BUFFER = 0xfffff;

    private final byte[] buf;
    private final int end;
    private final int maxLength;
    private int pos;

    public JuteReader(byte[] buf) {
        this(buf, 0, buf.length, DEFAULT_MAX_BUFFER * 2);
    }

    public JuteReader(byte[] buf, int offset, int length, int maxLength) {
        this.buf = buf;
        this.pos = offset;
        this.end = offset + length;
        this.maxLength = maxLength;
    }

    private void need(int n) {
        if (n > end - pos) {
            throw new WireFormatException("record truncated: need " + n + " bytes, " + (end - pos) + " left");
        }
    }

    public int remaining() { return end - pos; }

    public int position() { return pos; }

    public byte readByte() {
        need(1);
        return buf[pos++];
    }

    public boolean readBool() {
        return readByte() != 0;
    }

    public int readInt() {
        need(4);
        int v = ((buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16) | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    @Override
    public int readLength(String what) {
        int len = readInt();
        if (len < -1 || len > maxLength) {
            throw new WireFormatException("Unreasonable length = " + len + " for " + what);
        }
        return len;
    }

    public byte[] readBuffer() {
        int len = readLength("buffer");
        if (len == -1) {
            return null;
        }
        need(len);
        byte[] out = new byte[len];
        System.arraycopy(buf, pos, out, 0, len);
        pos += len;
        return out;
    }

    public String readString() {
        int len = readLength("string");
        if (len == -1) {
            return null;
        }
        need(len);
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    public List<String> readStringList() {
        int n = readLength("vector");
        if (n == -1) {
            return null;
        }
        List<String> out = new ArrayList<>(Math.min(n, 1024));
        for (int i = 0; i < n; i++) {
            out.add(readString());
        }
        return out;
    }

    public Stat readStat() {
        Stat s = new Stat();
        s.setCzxid(readLong());
        s.setMzxid(readLong());
        s.setCtime(readLong());
        s.setMtime(readLong());
        s.setVersion(readInt());
        s.setCversion(readInt());
        s.setAversion(readInt());
        s.setEphemeralOwner(readLong());
        s.setDataLength(readInt());
        s.setNumChildren(readInt());
        s.setPzxid(readLong());
        return s;
    }
}
