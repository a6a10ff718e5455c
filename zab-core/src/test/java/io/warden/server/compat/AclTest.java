package io.warden.server.compat;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.apache.zookeeper.ZooDefs.Ids.OPEN_ACL_UNSAFE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** ACL enforcement with ZooKeeper's semantics: digest, auth (CREATOR_ALL_ACL), world, ip, masking, validation. */
class AclTest extends CompatTestBase {

    /** A mutable list: the client calls contains(null) on it, which immutable lists refuse. */
    private static List<ACL> acl(ACL... entries) {
        return new ArrayList<>(Arrays.asList(entries));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The digest id ZooKeeper stores for user:password (base64 of SHA-1), computed by ZooKeeper's own code. */
    private static String digestId(String userPassword) throws Exception {
        return DigestAuthenticationProvider.generateDigest(userPassword);
    }

    private ZooKeeper connectAs(String userPassword) throws Exception {
        ZooKeeper zk = connect();
        zk.addAuthInfo("digest", utf8(userPassword));
        return zk;
    }

    @Test
    void creatorAllAclGrantsEverythingToTheCreatorsDigestIdAndNothingToOthers() throws Exception {
        ZooKeeper alice = connectAs("alice:secret");
        alice.create("/private", utf8("x"), Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT);
        assertEquals(acl(new ACL(Perms.ALL, new Id("digest", digestId("alice:secret")))),
                alice.getACL("/private", new Stat()));

        ZooKeeper anonymous = connect();
        assertThrows(KeeperException.NoAuthException.class, () -> anonymous.getData("/private", false, null));
        assertThrows(KeeperException.NoAuthException.class, () -> anonymous.setData("/private", null, -1));
        assertThrows(KeeperException.NoAuthException.class, () -> anonymous.getChildren("/private", false));
        assertThrows(KeeperException.NoAuthException.class,
                () -> anonymous.create("/private/x", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThrows(KeeperException.NoAuthException.class, () -> anonymous.getACL("/private", new Stat()));
        assertThrows(KeeperException.NoAuthException.class, () -> anonymous.setACL("/private", OPEN_ACL_UNSAFE, -1));
        assertThrows(KeeperException.NoAuthException.class, () -> anonymous.exists("/private", false),
                "exists checks READ when the node exists");
        assertEquals(null, anonymous.exists("/private/none", false), "exists on a missing node needs no permission");

        ZooKeeper wrongPassword = connectAs("alice:guess");
        assertThrows(KeeperException.NoAuthException.class, () -> wrongPassword.getData("/private", false, null));

        ZooKeeper aliceAgain = connectAs("alice:secret");
        assertArrayEquals(utf8("x"), aliceAgain.getData("/private", false, null));
        aliceAgain.create("/private/kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        aliceAgain.delete("/private/kid", -1);
    }

    @Test
    void creatorAllAclWithoutAnyAuthenticatedIdIsInvalid() throws Exception {
        ZooKeeper anonymous = connect();
        assertThrows(KeeperException.InvalidACLException.class,
                () -> anonymous.create("/c", null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
        assertEquals(null, anonymous.exists("/c", false));
    }

    @Test
    void explicitDigestAclMatchesAnyConnectionThatAddedThatUser() throws Exception {
        ZooKeeper admin = connect();
        String bob = digestId("bob:pw");
        admin.create("/bobs", utf8("b"), acl(new ACL(Perms.READ | Perms.WRITE, new Id("digest", bob))),
                CreateMode.PERSISTENT);
        ZooKeeper bobClient = connectAs("bob:pw");
        assertArrayEquals(utf8("b"), bobClient.getData("/bobs", false, null));
        bobClient.setData("/bobs", utf8("c"), -1);
        assertThrows(KeeperException.NoAuthException.class, () -> bobClient.setACL("/bobs", OPEN_ACL_UNSAFE, -1));
        assertThrows(KeeperException.NoAuthException.class, () -> admin.getData("/bobs", false, null));
        ZooKeeper otherBobConnection = connectAs("bob:pw");
        assertArrayEquals(utf8("c"), otherBobConnection.getData("/bobs", false, null));
    }

    @Test
    void readAclUnsafeAllowsReadsOnly() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/ro", utf8("r"), Ids.READ_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertArrayEquals(utf8("r"), zk.getData("/ro", false, null));
        assertEquals(List.of(), zk.getChildren("/ro", false));
        assertEquals(Ids.READ_ACL_UNSAFE, zk.getACL("/ro", new Stat()));
        assertThrows(KeeperException.NoAuthException.class, () -> zk.setData("/ro", null, -1));
        assertThrows(KeeperException.NoAuthException.class,
                () -> zk.create("/ro/kid", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        assertThrows(KeeperException.NoAuthException.class, () -> zk.setACL("/ro", OPEN_ACL_UNSAFE, -1));
        // delete needs DELETE on the parent (/ is open), not on the node
        zk.delete("/ro", -1);
    }

    @Test
    void ipAclsMatchTheClientAddressAndRanges() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/mine", utf8("m"), acl(new ACL(Perms.ALL, new Id("ip", "127.0.0.1"))), CreateMode.PERSISTENT);
        zk.create("/range", utf8("r"), acl(new ACL(Perms.READ, new Id("ip", "127.0.0.0/8"))), CreateMode.PERSISTENT);
        zk.create("/elsewhere", utf8("e"), acl(new ACL(Perms.ALL, new Id("ip", "10.1.2.3"))), CreateMode.PERSISTENT);
        zk.create("/elsewhere-range", utf8("e"), acl(new ACL(Perms.ALL, new Id("ip", "10.0.0.0/8"))),
                CreateMode.PERSISTENT);

        assertArrayEquals(utf8("m"), zk.getData("/mine", false, null));
        zk.setData("/mine", utf8("m2"), -1);
        assertArrayEquals(utf8("r"), zk.getData("/range", false, null));
        assertThrows(KeeperException.NoAuthException.class, () -> zk.setData("/range", null, -1));
        assertThrows(KeeperException.NoAuthException.class, () -> zk.getData("/elsewhere", false, null));
        assertThrows(KeeperException.NoAuthException.class, () -> zk.getData("/elsewhere-range", false, null));
    }

    @Test
    void getAclMasksDigestHashesForCallersWithReadButNotAdmin() throws Exception {
        ZooKeeper alice = connectAs("alice:secret");
        String aliceId = digestId("alice:secret");
        List<ACL> acl = acl(new ACL(Perms.ALL, new Id("digest", aliceId)), new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE));
        alice.create("/masked", null, acl, CreateMode.PERSISTENT);

        assertEquals(acl, alice.getACL("/masked", new Stat()), "an ADMIN caller sees the full ids");
        ZooKeeper reader = connect();
        List<ACL> seen = reader.getACL("/masked", new Stat());
        assertEquals(acl(new ACL(Perms.ALL, new Id("digest", "alice:x")), new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE)),
                seen);
    }

    @Test
    void setAclChecksTheAclVersion() throws Exception {
        ZooKeeper zk = connect();
        zk.create("/av", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        List<ACL> everyoneButNoDelete = acl(new ACL(Perms.ALL & ~Perms.DELETE, Ids.ANYONE_ID_UNSAFE));
        Stat s = zk.setACL("/av", everyoneButNoDelete, 0);
        assertEquals(1, s.getAversion());
        assertThrows(KeeperException.BadVersionException.class, () -> zk.setACL("/av", OPEN_ACL_UNSAFE, 0));
        Stat got = new Stat();
        assertEquals(everyoneButNoDelete, zk.getACL("/av", got));
        assertEquals(1, got.getAversion());
        zk.setACL("/av", Ids.READ_ACL_UNSAFE, -1);
        // without ADMIN the permission check comes before the version check
        assertThrows(KeeperException.NoAuthException.class, () -> zk.setACL("/av", OPEN_ACL_UNSAFE, 0));
    }

    @Test
    void malformedAclsAreRejectedWithInvalidAcl() throws Exception {
        ZooKeeper zk = connect();
        assertThrows(KeeperException.InvalidACLException.class, () -> zk.create("/bad", null,
                acl(new ACL(Perms.ALL, new Id("nosuchscheme", "x"))), CreateMode.PERSISTENT));
        assertThrows(KeeperException.InvalidACLException.class, () -> zk.create("/bad", null,
                acl(new ACL(Perms.ALL, new Id("digest", "no-colon"))), CreateMode.PERSISTENT));
        assertThrows(KeeperException.InvalidACLException.class, () -> zk.create("/bad", null,
                acl(new ACL(Perms.ALL, new Id("ip", "999.1.2.3"))), CreateMode.PERSISTENT));
        assertThrows(KeeperException.InvalidACLException.class, () -> zk.create("/bad", null,
                new ArrayList<>(), CreateMode.PERSISTENT));
        assertEquals(null, zk.exists("/bad", false));

        zk.create("/ok", null, OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        assertThrows(KeeperException.InvalidACLException.class, () -> zk.setACL("/ok",
                acl(new ACL(Perms.ALL, new Id("nosuchscheme", "x"))), -1));
        assertThrows(KeeperException.InvalidACLException.class, () -> zk.setACL("/ok", Ids.CREATOR_ALL_ACL, -1));
        assertEquals(OPEN_ACL_UNSAFE, zk.getACL("/ok", new Stat()));
    }

    @Test
    void authWithAnUnknownSchemeFailsTheConnection() throws Exception {
        Events events = new Events();
        ZooKeeper zk = connect(events);
        zk.addAuthInfo("nosuchscheme", utf8("whatever"));
        events.awaitState(KeeperState.AuthFailed);
    }
}
