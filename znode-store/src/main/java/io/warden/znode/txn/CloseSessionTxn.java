package io.warden.znode.txn;

import io.warden.znode.ZooDefs.OpCode;

/** Ends the session named in the {@link TxnHeader}: its ephemerals are deleted (in path order). */
public record CloseSessionTxn() implements Txn {
    @Override
    public int type() { return OpCode.closeSession; }
}
