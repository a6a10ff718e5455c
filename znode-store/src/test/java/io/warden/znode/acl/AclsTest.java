package io.warden.znode.acl;

import io.warden.znode.ACL;
import io.warden.znode.Id;
import io.warden.znode.ZooDefs;
import io.warden.znode.ZooDefs.Perms;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AclsTest {
    private static final AuthInfo IP_ONLY = AuthInfo.forAddress("127.0.0.1");

    @Test
    void digestMatchesZooKeepersPublishedExample() {
        assertEquals("user:tpUq/4Pn5A64fVZyQ0gOJ8ZWqkY=", DigestAuth.digest("user:password"));
    }

    @Test
    void fixupRejectsNullEmptyUnknownAndMalformedIds() {
        assertNull(Acls.fixup(null, IP_ONLY));
        assertNull(Acls.fixup(List.of(), IP_ONLY));
        assertNull(Acls.fixup(List.of(new ACL(Perms.ALL, new Id("sasl", "bob"))), IP_ONLY));
        assertNull(Acls.fixup(List.of(new ACL(Perms.ALL, new Id("world", "everyone"))), IP_ONLY));
        assertNull(Acls.fixup(List.of(new ACL(Perms.ALL, new Id("digest", "nohash"))), IP_ONLY));
        assertNull(Acls.fixup(List.of(new ACL(Perms.ALL, new Id("ip", "300.1.1.1"))), IP_ONLY));
        assertNull(Acls.fixup(List.of(new ACL(Perms.ALL, new Id("ip", "10.0.0.0/33"))), IP_ONLY));
        assertNull(Acls.fixup(ZooDefs.Ids.CREATOR_ALL_ACL, IP_ONLY), "ip ids are not authenticated");
    }

    @Test
    void fixupDedupesAndExpandsAuth() {
        Id bob = DigestAuth.idFor("bob:pw");
        AuthInfo auth = IP_ONLY.with(bob);
        List<ACL> out = Acls.fixup(List.of(new ACL(Perms.READ, new Id("ip", "10.0.0.0/8")),
                new ACL(Perms.READ, new Id("ip", "10.0.0.0/8")), new ACL(Perms.ALL, ZooDefs.Ids.AUTH_IDS)), auth);
        assertEquals(List.of(new ACL(Perms.READ, new Id("ip", "10.0.0.0/8")), new ACL(Perms.ALL, bob)), out);
        assertSame(ZooDefs.Ids.OPEN_ACL_UNSAFE, Acls.fixup(List.of(new ACL(31, new Id("world", "anyone"))), auth));
    }

    @Test
    void permissionChecksFollowSchemesAndOverlappingBits() {
        List<ACL> acl = List.of(new ACL(Perms.READ, new Id("ip", "10.1.0.0/16")),
                new ACL(Perms.WRITE, DigestAuth.idFor("bob:pw")), new ACL(Perms.ADMIN, new Id("ip", "::1")));
        assertTrue(Acls.check(acl, Perms.READ, AuthInfo.forAddress("10.1.200.3")));
        assertFalse(Acls.check(acl, Perms.READ, AuthInfo.forAddress("10.2.0.1")));
        assertFalse(Acls.check(acl, Perms.WRITE, AuthInfo.forAddress("10.1.0.1")));
        assertTrue(Acls.check(acl, Perms.WRITE, IP_ONLY.with(DigestAuth.idFor("bob:pw"))));
        assertFalse(Acls.check(acl, Perms.WRITE, IP_ONLY.with(DigestAuth.idFor("bob:wrong"))));
        assertTrue(Acls.check(acl, Perms.ADMIN, AuthInfo.forAddress("0:0:0:0:0:0:0:1")));
        assertTrue(Acls.check(acl, Perms.READ | Perms.ADMIN, AuthInfo.forAddress("::1")), "any overlapping bit");
        assertTrue(Acls.check(acl, Perms.DELETE, IP_ONLY.with(new Id("super", ""))));
        assertTrue(Acls.check(List.of(), Perms.DELETE, AuthInfo.NONE), "empty ACL allows everything");
    }

    @Test
    void authenticatorAddsDigestAndSuperAndRejectsUnknownSchemes() {
        Authenticator a = new Authenticator(DigestAuth.digest("admin:secret"));
        AuthInfo bob = a.authenticate(IP_ONLY, "digest", "bob:pw".getBytes(StandardCharsets.UTF_8), "127.0.0.1");
        assertEquals(List.of(new Id("ip", "127.0.0.1"), DigestAuth.idFor("bob:pw")), bob.ids());
        assertFalse(bob.isSuper());
        AuthInfo admin = a.authenticate(IP_ONLY, "digest", "admin:secret".getBytes(StandardCharsets.UTF_8), "127.0.0.1");
        assertTrue(admin.isSuper());
        assertNull(a.authenticate(IP_ONLY, "kerberos", new byte[0], "127.0.0.1"));
    }

    @Test
    void maskingAndWhoAmIShowOnlyUserNames() {
        List<ACL> masked = Acls.maskDigests(List.of(new ACL(1, DigestAuth.idFor("bob:pw")), new ACL(1, new Id("ip", "1.2.3.4"))));
        assertEquals(new Id("digest", "bob:x"), masked.get(0).id());
        assertEquals(new Id("ip", "1.2.3.4"), masked.get(1).id());
        assertEquals("bob", Acls.whoAmI(IP_ONLY.with(DigestAuth.idFor("bob:pw"))).get(1).user());
    }
}
