package io.warden.znode.txn;

import io.warden.znode.ZooDefs.OpCode;

/** Deletes a childless node. */
public record DeleteTxn(String path) implements Txn {
    @Override
    public int type() { return OpCode.delete; }
}
