package io.warden.znode.txn;

import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.WireFormatException;

import java.util.ArrayList;
import java.util.List;

/**
 * Jute encoding of txns, as logged and replicated: an int tag (the txn's {@link Txn#type()}) then its
 * fields in record order; a multi is a count followed by the nested txns. Stateless and thread-safe.
 * Decoding throws {@link WireFormatException} for truncated or unknown records.
 */
public final class TxnCodec {
    private TxnCodec() {}

    public static byte[] encode(Txn txn) {
        JuteWriter w = new JuteWriter(txnSizeHint(txn));
        write(w, txn);
        return w.toByteArray();
    }

    public static Txn decode(byte[] bytes) {
        JuteReader r = new JuteReader(bytes, 0, bytes.length, bytes.length);
        Txn txn = read(r);
        if (r.remaining() != 0) {
            throw new WireFormatException(r.remaining() + " trailing bytes after txn");
        }
        return txn;
    }

    /** Header then txn, in one array. */
    public static byte[] encode(TxnHeader header, Txn txn) {
        JuteWriter w = new JuteWriter(28 + txnSizeHint(txn));
        writeHeader(w, header);
        write(w, txn);
        return w.toByteArray();
    }

    public static TxnEntry decodeEntry(byte[] bytes) {
        JuteReader r = new JuteReader(bytes, 0, bytes.length, bytes.length);
        TxnHeader h = readHeader(r);
        Txn txn = read(r);
        if (r.remaining() != 0) {
            throw new WireFormatException(r.remaining() + " trailing bytes after txn");
        }
        return new TxnEntry(h, txn);
    }

    public static void writeHeader(JuteWriter out, TxnHeader h) {
        out.writeLong(h.sessionId()).writeInt(h.cxid()).writeLong(h.zxid()).writeLong(h.timeMs());
    }

    public static TxnHeader readHeader(JuteReader in) {
        return new TxnHeader(in.readLong(), in.readInt(), in.readLong(), in.readLong());
    }

    private static int txnSizeHint(Txn txn) {
        if (txn instanceof CreateTxn c) {
            return 64 + c.path().length() * 3 + (c.data() == null ? 0 : c.data().length);
        }
        if (txn instanceof SetDataTxn s) {
            return 32 + s.path().length() * 3 + (s.data() == null ? 0 : s.data().length);
        }
        return 64;
    }

    public static void write(JuteWriter out, Txn txn) {
        out.writeInt(txn.type());
        if (txn instanceof CreateTxn c) {
            out.writeString(c.path()).writeBuffer(c.data()).writeAclList(c.acl()).writeLong(c.ephemeralOwner());
        } else if (txn instanceof DeleteTxn d) {
            out.writeString(d.path());
        } else if (txn instanceof DeleteContainerTxn d) {
            out.writeString(d.path());
        } else if (txn instanceof SetDataTxn s) {
            out.writeString(s.path()).writeBuffer(s.data()).writeInt(s.version());
        } else if (txn instanceof SetACLTxn s) {
            out.writeString(s.path()).writeAclList(s.acl()).writeInt(s.version());
        } else if (txn instanceof CheckTxn c) {
            out.writeString(c.path()).writeInt(c.version());
        } else if (txn instanceof MultiTxn m) {
            out.writeInt(m.txns().size());
            for (Txn t : m.txns()) {
                write(out, t);
            }
        } else if (txn instanceof ErrorTxn e) {
            out.writeInt(e.err());
        } else if (txn instanceof CreateSessionTxn s) {
            out.writeInt(s.timeoutMs());
        } else if (!(txn instanceof CloseSessionTxn)) {
            throw new IllegalArgumentException("unknown txn " + txn);
        }
    }

    public static Txn read(JuteReader in) {
        int type = in.readInt();
        switch (type) {
            case OpCode.create, OpCode.create2, OpCode.createContainer, OpCode.createTTL: {
                String path = requirePath(in.readString());
                byte[] data = in.readBuffer();
                var acl = in.readAclList();
                if (acl == null) {
                    throw new WireFormatException("create txn without ACL");
                }
                return new CreateTxn(type, path, data, acl, in.readLong());
            }
            case OpCode.delete:
                return new DeleteTxn(requirePath(in.readString()));
            case OpCode.deleteContainer:
                return new DeleteContainerTxn(requirePath(in.readString()));
            case OpCode.setData:
                return new SetDataTxn(requirePath(in.readString()), in.readBuffer(), in.readInt());
            case OpCode.setACL: {
                String path = requirePath(in.readString());
                var acl = in.readAclList();
                if (acl == null) {
                    throw new WireFormatException("setACL txn without ACL");
                }
                return new SetACLTxn(path, acl, in.readInt());
            }
            case OpCode.check:
                return new CheckTxn(requirePath(in.readString()), in.readInt());
            case OpCode.multi: {
                int n = in.readInt();
                if (n < 0 || n > in.remaining()) {
                    throw new WireFormatException("bad multi txn count " + n);
                }
                List<Txn> txns = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    txns.add(read(in));
                }
                return new MultiTxn(txns);
            }
            case OpCode.error:
                return new ErrorTxn(in.readInt());
            case OpCode.createSession:
                return new CreateSessionTxn(in.readInt());
            case OpCode.closeSession:
                return new CloseSessionTxn();
            default:
                throw new WireFormatException("unknown txn type " + type);
        }
    }

    private static String requirePath(String path) {
        if (path == null) {
            throw new WireFormatException("txn with a null path");
        }
        return path;
    }
}
