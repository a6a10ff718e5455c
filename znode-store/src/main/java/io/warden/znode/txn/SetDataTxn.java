package io.warden.znode.txn;

import io.warden.znode.ZooDefs.OpCode;

import java.util.Arrays;

/** Replaces a node's data; {@code version} is the node's new data version. */
public record SetDataTxn(String path, byte[] data, int version) implements Txn {
    @Override
    public int type() { return OpCode.setData; }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetDataTxn s && s.path.equals(path) && Arrays.equals(s.data, data) && s.version == version;
    }

    @Override
    public int hashCode() { return path.hashCode() * 31 + version; }

    @Override
    public String toString() {
        return "SetDataTxn[" + path + " len=" + (data == null ? -1 : data.length) + " v=" + version + "]";
    }
}
