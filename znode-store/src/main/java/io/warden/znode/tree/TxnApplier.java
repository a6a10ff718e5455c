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
import java.util.HashMap;
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
        if (!m.failed() && precheck(m.txns(), results)) {
            return results;
        }
        for (Txn sub : m.txns()) {
            if (sub instanceof ErrorTxn e) {
                results.add(new OpResult.ErrorResult(e.err()));
            } else {
                results.add(applyOne(hdr, sub, out));
            }
        }
        return results;
    }

    /**
     * Keeps a multi atomic even if it was prepared against stale state: checks every op's existence
     * and emptiness preconditions in order before anything changes. On failure fills {@code results}
     * with ZooKeeper's per-op error list and returns true.
     */
    private boolean precheck(List<Txn> txns, List<OpResult> results) {
        HashMap<String, Integer> kids = new HashMap<>(); // path -> child count, -1 = absent
        for (int i = 0; i < txns.size(); i++) {
            Txn t = txns.get(i);
            int err = 0;
            if (t instanceof CreateTxn c) {
                String parent = Paths.parent(c.path());
                if (parent == null || kidsOf(kids, parent) < 0) {
                    err = Code.NONODE.intValue();
                } else if (kidsOf(kids, c.path()) >= 0) {
                    err = Code.NODEEXISTS.intValue();
                } else {
                    kids.put(c.path(), 0);
                    kids.put(parent, kidsOf(kids, parent) + 1);
                }
            } else if (t instanceof DeleteTxn || t instanceof DeleteContainerTxn) {
                String path = t instanceof DeleteTxn d ? d.path() : ((DeleteContainerTxn) t).path();
                int n = kidsOf(kids, path);
                String parent = Paths.parent(path);
                if (n < 0 || parent == null) {
                    err = Code.NONODE.intValue();
                } else if (n > 0) {
                    err = Code.NOTEMPTY.intValue();
                } else {
                    kids.put(path, -1);
                    kids.put(parent, Math.max(0, kidsOf(kids, parent) - 1));
                }
            } else if (t instanceof SetDataTxn s && kidsOf(kids, s.path()) < 0
                    || t instanceof CheckTxn c2 && kidsOf(kids, c2.path()) < 0) {
                err = Code.NONODE.intValue();
            }
            if (err != 0) {
                for (int j = 0; j < txns.size(); j++) {
                    results.add(new OpResult.ErrorResult(j < i ? 0 : j == i ? err : Code.RUNTIMEINCONSISTENCY.intValue()));
                }
                return true;
            }
        }
        return false;
    }

    private int kidsOf(HashMap<String, Integer> kids, String path) {
        Integer k = kids.get(path);
        if (k != null) {
            return k;
        }
        DataNode n = tree.get(path);
        return n == null ? -1 : n.numChildren();
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
