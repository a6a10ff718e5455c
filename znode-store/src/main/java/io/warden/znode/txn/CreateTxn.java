package io.warden.znode.txn;

import io.warden.znode.ACL;
import io.warden.znode.ZooDefs.OpCode;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Creates a node. {@code path} is resolved (sequential suffix included); {@code acl} is expanded and
 * validated. {@code ephemeralOwner} is the raw owner word: 0 for persistent nodes, the session id
 * for ephemerals, or the container / TTL marker (see {@link EphemeralOwner}). {@code opcode} is the
 * request's create flavour (create, create2, createContainer, createTTL); it only picks the reply shape.
 */
public record CreateTxn(int opcode, String path, byte[] data, List<ACL> acl, long ephemeralOwner) implements Txn {
    public CreateTxn {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(acl, "acl");
    }

    @Override
    public int type() { return opcode; }

    @Override
    public boolean equals(Object o) {
        return o instanceof CreateTxn c && c.opcode == opcode && c.path.equals(path) && Arrays.equals(c.data, data)
                && c.acl.equals(acl) && c.ephemeralOwner == ephemeralOwner;
    }

    @Override
    public int hashCode() { return path.hashCode() * 31 + Arrays.hashCode(data); }

    @Override
    public String toString() {
        return "CreateTxn[" + opcode + " " + path + " len=" + (data == null ? -1 : data.length) + " acl=" + acl
                + " owner=0x" + Long.toHexString(ephemeralOwner) + "]";
    }

    /** True when the reply (and multi result) carries the stat as well as the path. */
    public boolean replyWithStat() { return opcode != OpCode.create; }
}
