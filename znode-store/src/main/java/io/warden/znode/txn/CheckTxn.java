package io.warden.znode.txn;

import io.warden.znode.ZooDefs.OpCode;

/** A version check inside a multi; changes nothing when applied. */
public record CheckTxn(String path, int version) implements Txn {
    @Override
    public int type() { return OpCode.check; }
}
