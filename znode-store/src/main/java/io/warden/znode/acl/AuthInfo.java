package io.warden.znode.acl;

import io.warden.znode.Id;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids a connection holds: always {@code ip:<remote address>}, plus one id per successful
 * addAuth (e.g. {@code digest:user:hash}, and {@code super:} for the super digest). Immutable; a
 * connection replaces its instance when it authenticates again.
 */
public record AuthInfo(List<Id> ids) {
    /** No ids at all (internal requests, tests): only world:anyone ACL entries match. */
    public static final AuthInfo NONE = new AuthInfo(List.of());

    public AuthInfo {
        ids = List.copyOf(ids);
    }

    public static AuthInfo of(Id... ids) { return new AuthInfo(List.of(ids)); }

    /** The ids of a fresh connection from {@code remoteAddress} (e.g. "127.0.0.1"). */
    public static AuthInfo forAddress(String remoteAddress) {
        return new AuthInfo(List.of(new Id("ip", remoteAddress)));
    }

    /** This info plus {@code id}; unchanged when it is already held. */
    public AuthInfo with(Id id) {
        if (ids.contains(id)) {
            return this;
        }
        List<Id> next = new ArrayList<>(ids.size() + 1);
        next.addAll(ids);
        next.add(id);
        return new AuthInfo(next);
    }

    /** True when a super id bypasses every ACL check. */
    public boolean isSuper() {
        for (Id id : ids) {
            if (id.scheme().equals("super")) {
                return true;
            }
        }
        return false;
    }
}
