package io.warden.znode.tree;

import io.warden.znode.ACL;
import io.warden.znode.KeeperException.Code;
import io.warden.znode.ZooDefs;
import io.warden.znode.ZooDefs.OpCode;
import io.warden.znode.ZooDefs.Perms;
import io.warden.znode.wire.Requests;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SetAclSequenceTest {
    @Test
    void aStaleAversionAfterAnAclThatKeepsAdminIsABadVersionNotANoAuth() {
        StoreHarness h = new StoreHarness();
        StoreHarness.Conn c = h.connect(0x100L);
        assertEquals(0, h.create(c, "/av", null, 0).err());
        List<ACL> noDelete = List.of(new ACL(Perms.ALL & ~Perms.DELETE, ZooDefs.Ids.ANYONE_ID_UNSAFE));
        assertEquals(0, h.call(c, OpCode.setACL, new Requests.SetACLRequest("/av", noDelete, 0)).err());
        assertEquals(Code.BADVERSION.intValue(),
                h.call(c, OpCode.setACL, new Requests.SetACLRequest("/av", ZooDefs.Ids.OPEN_ACL_UNSAFE, 0)).err());
    }
}
