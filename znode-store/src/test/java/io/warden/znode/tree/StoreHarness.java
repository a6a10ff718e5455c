package io.warden.znode.tree;

import io.warden.znode.ACL;
import io.warden.znode.Stat;
import io.warden.znode.ZooDefs;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.acl.AuthInfo;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.watch.WatchDelivery;
import io.warden.znode.watch.WatchSink;
import io.warden.znode.wire.JuteReader;
import io.warden.znode.wire.JuteRecord;
import io.warden.znode.wire.JuteWriter;
import io.warden.znode.wire.Requests;
import io.warden.znode.wire.Responses;

import java.util.ArrayList;
import java.util.List;

/** Drives a ZnodeStore like a standalone server would: prepare, then apply at the next zxid. */
final class StoreHarness {
    final ZnodeStore store;
    long zxid;
    long now = 1_000_000L;
    final List<WatchDelivery> delivered = new ArrayList<>();
    /** Every applied txn, encoded as the log holds it (header + txn). */
    final List<byte[]> journal = new ArrayList<>();

    StoreHarness() {
        this(new ZnodeStore());
    }

    StoreHarness(ZnodeStore store) {
        this.store = store;
    }

    /** A connection: session + auth + sink. */
    final class Conn implements WatchSink {
        final long session;
        AuthInfo auth;
        int cxid;

        Conn(long session, AuthInfo auth) {
            this.session = session;
            this.auth = auth;
        }

        @Override public long sessionId() { return session; }
        @Override public AuthInfo authInfo() { return auth; }

        RequestContext ctx() { return new RequestContext(session, ++cxid, auth, this, now); }

        List<WatchDelivery> events() {
            List<WatchDelivery> mine = new ArrayList<>();
            for (WatchDelivery d : delivered) {
                if (d.sink() == this) {
                    mine.add(d);
                }
            }
            return mine;
        }
    }

    Conn connect(long session) {
        return connect(session, AuthInfo.forAddress("127.0.0.1"));
    }

    Conn connect(long session, AuthInfo auth) {
        if (!store.hasSession(session)) {
            Prepared p = store.prepareCreateSession(session, 30000, now);
            applyTxn(session, p.txn());
        }
        return new Conn(session, auth);
    }

    ApplyResult applyTxn(long session, Txn txn) {
        TxnHeader hdr = new TxnHeader(session, 0, ++zxid, now);
        journal.add(io.warden.znode.txn.TxnCodec.encode(hdr, txn));
        ApplyResult r = store.apply(hdr, txn);
        delivered.addAll(r.deliveries());
        return r;
    }

    static JuteReader body(JuteRecord rec) {
        return new JuteReader(rec == null ? new byte[0] : JuteWriter.encode(rec));
    }

    /** Prepare and, for a write, apply at once; returns the reply. */
    Reply call(Conn c, int opcode, JuteRecord rec) {
        Prepared p = store.prepare(c.ctx(), opcode, body(rec));
        if (!p.isWrite()) {
            return p.reply();
        }
        return applyTxn(c.session, p.txn()).reply();
    }

    Reply create(Conn c, String path, byte[] data, int flags) {
        return call(c, OpCode.create2, new Requests.CreateRequest(path, data, ZooDefs.Ids.OPEN_ACL_UNSAFE, flags,
                Requests.CreateRequest.NO_TTL));
    }

    Reply create(Conn c, String path, byte[] data, List<ACL> acl, int flags) {
        return call(c, OpCode.create2, new Requests.CreateRequest(path, data, acl, flags, Requests.CreateRequest.NO_TTL));
    }

    Reply createTtl(Conn c, String path, int flags, long ttl) {
        return call(c, OpCode.createTTL, new Requests.CreateRequest(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE,
                flags, ttl));
    }

    String createdPath(Reply r) {
        return ((Responses.Create2Response) r.body()).path();
    }

    Reply delete(Conn c, String path, int version) {
        return call(c, OpCode.delete, new Requests.PathVersionRequest(path, version));
    }

    Reply setData(Conn c, String path, byte[] data, int version) {
        return call(c, OpCode.setData, new Requests.SetDataRequest(path, data, version));
    }

    Reply exists(Conn c, String path, boolean watch) {
        return call(c, OpCode.exists, new Requests.PathWatchRequest(path, watch));
    }

    Reply getData(Conn c, String path, boolean watch) {
        return call(c, OpCode.getData, new Requests.PathWatchRequest(path, watch));
    }

    Reply getChildren(Conn c, String path, boolean watch) {
        return call(c, OpCode.getChildren, new Requests.PathWatchRequest(path, watch));
    }

    Stat stat(String path) {
        return store.statOf(path);
    }
}
