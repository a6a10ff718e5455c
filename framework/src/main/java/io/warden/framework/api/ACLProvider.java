package io.warden.framework.api;

import io.warden.znode.ACL;

import java.util.List;

/** Chooses the ACL of nodes the framework creates without an explicit {@code withACL}. */
public interface ACLProvider {
    List<ACL> getDefaultAcl();

    List<ACL> getAclForPath(String path);
}
