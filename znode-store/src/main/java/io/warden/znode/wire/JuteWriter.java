package io.warden.znode.wire;

import io.warden.znode.ACL;
import io.warden.znode.Id;
import io.warden.znode.Stat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Encodes jute primitives big-endian into a growable array. Not thread-safe; reuse with {@link #reset()}.
 */
public final class JuteWriter {
    private byte[] buf;
    private int pos;

    public JuteWriter() {
        this(256);
    }

    public JuteWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (pos + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + extra));
        }
    }

    public JuteWriter writeByte(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
        return this;
    }

    public JuteWriter writeBool(boolean v) {
        return writeByte(v ? 1 : 0);
    }

    public JuteWriter writeInt(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
        return this;
    }

    public JuteWriter writeLong(long v) {
        writeInt((int) (v >>> 32));
        return writeInt((int) v);
    }

    /** Raw bytes with no length prefix. */
    public JuteWriter writeRaw(byte[] bytes, int off, int len) {
        ensure(len);
        System.arraycopy(bytes, off, buf, pos, len);
        pos += len;
        return this;
    }

    /** A jute buffer: length then bytes; null is length -1. */
    public JuteWriter writeBuffer(byte[] bytes) {
        if (bytes == null) {
            return writeInt(-1);
        }
        writeInt(bytes.length);
        return writeRaw(bytes, 0, bytes.length);
    }

    /** A jute ustring: UTF-8 length then bytes; null is length -1. */
    public JuteWriter writeString(String s) {
        return writeBuffer(s == null ? null : s.getBytes(StandardCharsets.UTF_8));
    }

    public JuteWriter writeStringList(List<String> list) {
        if (list == null) {
            return writeInt(-1);
        }
        writeInt(list.size());
        for (String s : list) {
            writeString(s);
        }
        return this;
    }

    public JuteWriter writeId(Id id) {
        writeString(id.scheme());
        return writeString(id.id());
    }

    public JuteWriter writeAclList(List<ACL> acl) {
        if (acl == null) {
            return writeInt(-1);
        }
        writeInt(acl.size());
        for (ACL a : acl) {
            writeInt(a.perms());
            writeId(a.id());
        }
        return this;
    }

    public JuteWriter writeStat(Stat s) {
        writeLong(s.getCzxid());
        writeLong(s.getMzxid());
        writeLong(s.getCtime());
        writeLong(s.getMtime());
        writeInt(s.getVersion());
        writeInt(s.getCversion());
        writeInt(s.getAversion());
        writeLong(s.getEphemeralOwner());
        writeInt(s.getDataLength());
        writeInt(s.getNumChildren());
        return writeLong(s.getPzxid());
    }

    public JuteWriter write(JuteRecord record) {
        record.write(this);
        return this;
    }

    /** Overwrites 4 bytes at {@code offset}, e.g. a length prefix reserved earlier. */
    public void putInt(int offset, int v) {
        buf[offset] = (byte) (v >>> 24);
        buf[offset + 1] = (byte) (v >>> 16);
        buf[offset + 2] = (byte) (v >>> 8);
        buf[offset + 3] = (byte) v;
    }

    public int size() { return pos; }

    /** The backing array; valid bytes are [0, size()). */
    public byte[] array() { return buf; }

    public byte[] toByteArray() { return Arrays.copyOf(buf, pos); }

    public JuteWriter reset() {
        pos = 0;
        return this;
    }

    /** Encodes one record to a fresh array. */
    public static byte[] encode(JuteRecord record) {
        JuteWriter w = new JuteWriter();
        record.write(w);
        return w.toByteArray();
    }
}
