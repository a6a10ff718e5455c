package io.warden.znode.txn;

import io.warden.znode.ACL;
import io.warden.znode.ZooDefs.OpCode;

import java.util.List;

/** Replaces a node's ACL; {@code version} is the node's new aversion. */
public record SetACLTxn(String path, List<ACL> acl, int version) implements Txn {
    @Override
    public int type() { return OpCode.setACL; }
}
