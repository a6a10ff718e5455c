package io.warden.znode.txn;

import io.warden.znode.ZooDefs.OpCode;

/** Registers the session named in the {@link TxnHeader} with its negotiated timeout. */
public record CreateSessionTxn(int timeoutMs) implements Txn {
    @Override
    public int type() { return OpCode.createSession; }
}
