package io.warden.znode.tree;

import io.warden.znode.KeeperException.Code;
import io.warden.znode.OpResult;
import io.warden.znode.txn.CheckTxn;
import io.warden.znode.txn.CloseSessionTxn;
import io.warden.znode.txn.CreateSessionTxn;
import io.warden.znode.txn.CreateTxn;
import io.warden.znode.txn.DeleteContainerTxn;
import io.warden.znode.txn.DeleteTxn;
import io.warden.znode.txn.ErrorTxn;
import io.warden.znode.txn.MultiTxn;
import io.warden.znode.txn.SetACLTxn;
import io.warden.znode.txn.SetDataTxn;
import io.warden.znode.txn.Txn;
import io.warden.znode.txn.TxnHeader;
import io.warden.znode.watch.WatchDelivery;
import io.warden.znode.wire.Responses;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies txns to the tree and builds the originating request's reply. Deterministic: the same
 * txn sequence gives the same tree and replies everywhere. A txn whose precondition no longer
 * holds (only possible if it was not prepared against this state) is answered with the error and
 * changes nothing. Not thread-safe.
 */
final class TxnApplier {
    private final DataTree tree;

    TxnApplier(DataTree tree) {
        this.tree = tree;
    }

    Reply apply(TxnHeader hdr, Txn txn, List<WatchDelivery> out) {
        if (txn instanceof MultiTxn m) {
            return Reply.ok(new MultiResponse(applyMulti(hdr, m, out)));
        }
        OpResult r = applyOne(hdr, txn, out);
        if (r instanceof OpResult.ErrorResult e) {
            return Reply.error(e.err());
        }
        if (r instanceof OpResult.CreateResult c) {
            return Reply.ok(c.stat() == null ? new Responses.PathResponse(c.path())
                    : new Responses.Create2Response(c.path(), c.stat()));
        }
        if (r instanceof OpResult.SetDataResult s) {
            return Reply.ok(new Responses.StatResponse(s.stat()));
        }
        return Reply.OK;
    }

    private List<OpResult> applyMulti(TxnHeader hdr, MultiTxn m, List<WatchDelivery> out) {
        List<OpResult> results = new ArrayList<>(m.txns().size());
        for (Txn sub : m.txns()) {
            if (sub instanceof ErrorTxn e) {
                results.add(new OpResult.ErrorResult(e.err()));
            } else {
                results.add(applyOne(hdr, sub, out));
            }
        }
        return results;
    }

    /** SetACL results come back as SetDataResult (same {stat} shape); the caller maps them. */
    private OpResult applyOne(TxnHeader hdr, Txn txn, List<WatchDelivery> out) {
        long zxid = hdr.zxid();
        if (txn instanceof CreateTxn c) {
            int err = tree.create(c.path(), c.data(), c.acl(), c.ephemeralOwner(), zxid, hdr.timeMs(), out);
            if (err != 0) {
                return new OpResult.ErrorResult(err);
            }
            return new OpResult.CreateResult(c.path(), c.replyWithStat() ? tree.get(c.path()).stat() : null);
        } else if (txn instanceof DeleteTxn d) {
            return deleted(tree.delete(d.path(), zxid, out));
        } else if (txn instanceof DeleteContainerTxn d) {
            return deleted(tree.delete(d.path(), zxid, out));
        } else if (txn instanceof SetDataTxn s) {
            int err = tree.setData(s.path(), s.data(), s.version(), zxid, hdr.timeMs(), out);
            return err != 0 ? new OpResult.ErrorResult(err) : new OpResult.SetDataResult(tree.get(s.path()).stat());
        } else if (txn instanceof SetACLTxn s) {
            int err = tree.setAcl(s.path(), s.acl(), s.version());
            return err != 0 ? new OpResult.ErrorResult(err) : new OpResult.SetDataResult(tree.get(s.path()).stat());
        } else if (txn instanceof CheckTxn c) {
            return tree.get(c.path()) == null ? new OpResult.ErrorResult(Code.NONODE.intValue()) : new OpResult.CheckResult();
        } else if (txn instanceof ErrorTxn e) {
            return new OpResult.ErrorResult(e.err());
        } else if (txn instanceof CreateSessionTxn s) {
            tree.createSession(hdr.sessionId(), s.timeoutMs());
            return new OpResult.CheckResult();
        } else if (txn instanceof CloseSessionTxn) {
            tree.closeSession(hdr.sessionId(), zxid, out);
            return new OpResult.CheckResult();
        }
        return new OpResult.ErrorResult(Code.UNIMPLEMENTED.intValue());
    }

    private static OpResult deleted(int err) {
        return err != 0 ? new OpResult.ErrorResult(err) : new OpResult.DeleteResult();
    }
}
