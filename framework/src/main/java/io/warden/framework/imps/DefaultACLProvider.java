package io.warden.framework.imps;

import io.warden.framework.api.ACLProvider;
import io.warden.znode.ACL;
import io.warden.znode.ZooDefs;

import java.util.List;

/** world:anyone with all permissions, for every path. */
public class DefaultACLProvider implements ACLProvider {
    @Override
    public List<ACL> getDefaultAcl() {
        return ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
        return ZooDefs.Ids.OPEN_ACL_UNSAFE;
    }
}
