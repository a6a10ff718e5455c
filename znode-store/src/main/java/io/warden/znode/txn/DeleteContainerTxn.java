package io.warden.znode.txn;

import io.warden.znode.ZooDefs.OpCode;

/** The reaper's delete of an empty container or expired TTL node; applies like a delete. */
public record DeleteContainerTxn(String path) implements Txn {
    @Override
    public int type() { return OpCode.deleteContainer; }
}
