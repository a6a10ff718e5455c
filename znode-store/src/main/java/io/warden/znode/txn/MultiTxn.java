package io.warden.znode.txn;

import io.warden.znode.ZooDefs.OpCode;

import java.util.List;

/**
 * An atomic multi. A successful multi holds the resolved sub-txns; a failed one holds one
 * {@link ErrorTxn} per requested op (0 before the failing op, its code, then RUNTIMEINCONSISTENCY).
 */
public record MultiTxn(List<Txn> txns) implements Txn {
    public MultiTxn {
        txns = List.copyOf(txns);
    }

    @Override
    public int type() { return OpCode.multi; }

    /** True when this multi records a failure (its sub-txns are all ErrorTxns and nothing changes). */
    public boolean failed() {
        return !txns.isEmpty() && txns.get(0) instanceof ErrorTxn;
    }
}
