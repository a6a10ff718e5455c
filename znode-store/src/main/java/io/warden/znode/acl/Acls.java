package io.warden.znode.acl;

import io.warden.znode.ACL;
import io.warden.znode.Id;
import io.warden.znode.ZooDefs;
import io.warden.znode.wire.Responses.ClientInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * ACL rules with ZooKeeper's semantics: validation and {@code auth} expansion on create/setACL,
 * permission checks, getACL masking and the whoAmI list. Stateless and thread-safe.
 */
public final class Acls {
    private Acls() {}

    private static final String WORLD = "world";
    private static final String ANYONE = "anyone";

    /**
     * Validates {@code acl} for a create or setACL by a caller holding {@code auth}: duplicates are
     * dropped, {@code auth:} entries expand to the caller's authenticated ids.
     *
     * @return the list to store, or null when the ACL is invalid (INVALIDACL)
     */
    public static List<ACL> fixup(List<ACL> acl, AuthInfo auth) {
        if (acl == null || acl.isEmpty()) {
            return null;
        }
        if (acl.size() == 1 && acl.get(0).equals(ZooDefs.Ids.OPEN_ACL_UNSAFE.get(0))) {
            return ZooDefs.Ids.OPEN_ACL_UNSAFE; // the common case, shared by every node that uses it
        }
        List<ACL> out = new ArrayList<>(acl.size());
        for (ACL a : acl) {
            Id id = a.id();
            String scheme = id.scheme();
            if (scheme.equals(WORLD)) {
                if (!id.id().equals(ANYONE)) {
                    return null;
                }
                addOnce(out, a);
            } else if (scheme.equals("auth")) {
                boolean any = false;
                for (Id held : auth.ids()) {
                    if (isAuthenticatedScheme(held.scheme())) {
                        addOnce(out, new ACL(a.perms(), held));
                        any = true;
                    }
                }
                if (!any) {
                    return null;
                }
            } else if (scheme.equals(DigestAuth.SCHEME)) {
                if (!DigestAuth.isValidId(id.id())) {
                    return null;
                }
                addOnce(out, a);
            } else if (scheme.equals(IpMatcher.SCHEME)) {
                if (!IpMatcher.isValid(id.id())) {
                    return null;
                }
                addOnce(out, a);
            } else {
                return null;
            }
        }
        return List.copyOf(out);
    }

    private static void addOnce(List<ACL> out, ACL a) {
        if (!out.contains(a)) {
            out.add(a);
        }
    }

    /** Schemes whose ids count as an authenticated identity for {@code auth:} expansion (ip does not). */
    private static boolean isAuthenticatedScheme(String scheme) {
        return scheme.equals(DigestAuth.SCHEME) || scheme.equals("sasl") || scheme.equals("x509");
    }

    /**
     * True when {@code auth} may do an operation needing any of the bits in {@code perm} on a node
     * with {@code acl}. Super ids and empty ACLs allow everything.
     */
    public static boolean check(List<ACL> acl, int perm, AuthInfo auth) {
        if (acl == null || acl.isEmpty()) {
            return true;
        }
        for (int i = 0, n = acl.size(); i < n; i++) {
            ACL a = acl.get(i);
            if ((a.perms() & perm) == 0) {
                continue;
            }
            Id id = a.id();
            if (id.scheme().equals(WORLD) && id.id().equals(ANYONE)) {
                return true;
            }
            if (holds(auth, id)) {
                return true;
            }
        }
        return auth.isSuper();
    }

    private static boolean holds(AuthInfo auth, Id aclId) {
        String scheme = aclId.scheme();
        for (Id held : auth.ids()) {
            if (!held.scheme().equals(scheme)) {
                continue;
            }
            if (scheme.equals(IpMatcher.SCHEME) ? IpMatcher.matches(held.id(), aclId.id()) : held.id().equals(aclId.id())) {
                return true;
            }
        }
        return false;
    }

    /** getACL for a caller without ADMIN: digest ids are shown as {@code user:x}. */
    public static List<ACL> maskDigests(List<ACL> acl) {
        List<ACL> out = new ArrayList<>(acl.size());
        for (ACL a : acl) {
            if (a.id().scheme().equals(DigestAuth.SCHEME)) {
                String id = a.id().id();
                int colon = id.indexOf(':');
                out.add(new ACL(a.perms(), new Id(DigestAuth.SCHEME, (colon < 0 ? id : id.substring(0, colon)) + ":x")));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** whoAmI: one entry per held id; digest ids show only the user name. */
    public static List<ClientInfo> whoAmI(AuthInfo auth) {
        List<ClientInfo> out = new ArrayList<>(auth.ids().size());
        for (Id id : auth.ids()) {
            String user = id.id();
            if (id.scheme().equals(DigestAuth.SCHEME)) {
                int colon = user.indexOf(':');
                user = colon < 0 ? user : user.substring(0, colon);
            }
            out.add(new ClientInfo(id.scheme(), user));
        }
        return out;
    }
}
