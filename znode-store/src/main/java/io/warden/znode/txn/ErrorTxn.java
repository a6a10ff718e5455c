package io.warden.znode.txn;

import io.warden.znode.ZooDefs.OpCode;

/** A failed write: still takes a zxid, changes nothing, replies with {@code err}. */
public record ErrorTxn(int err) implements Txn {
    @Override
    public int type() { return OpCode.error; }
}
