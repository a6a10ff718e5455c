package io.warden.recipes.nodes;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GroupMemberTest extends RecipeTestBase {

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void membersSeeJoinsPayloadChangesLeavesAndAReturnAfterSessionLoss(Backend backend) throws Exception {
        List<CuratorFramework> clients = new ArrayList<>();
        List<GroupMember> members = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(newClient(backend));
                GroupMember m = new GroupMember(clients.get(i), "/group", "m" + i, ("p" + i).getBytes(StandardCharsets.UTF_8));
                members.add(m);
                m.start();
            }
            for (GroupMember m : members) {
                waitFor("everyone sees three members", () -> m.getCurrentMembers().keySet().equals(Set.of("m0", "m1", "m2")));
            }
            assertArrayEquals("p2".getBytes(StandardCharsets.UTF_8), members.get(0).getCurrentMembers().get("m2"));

            members.get(2).setThisData("changed".getBytes(StandardCharsets.UTF_8));
            waitFor("payload change seen", () -> "changed".equals(payload(members.get(0), "m2")));

            members.get(1).close();
            waitFor("leave seen", () -> members.get(0).getCurrentMembers().keySet().equals(Set.of("m0", "m2")));

            expireSession(clients.get(2), backend);
            waitFor("m2 back on its new session", () -> {
                long session = clients.get(2).getZookeeperClient().getZooKeeper().getSessionId();
                try {
                    return clients.get(0).checkExists().forPath("/group/m2").getEphemeralOwner() == session;
                } catch (Exception e) {
                    return false;
                }
            });
            waitFor("m0 still sees m2", () -> members.get(0).getCurrentMembers().keySet().equals(Set.of("m0", "m2")));
            assertEquals("changed", payload(members.get(0), "m2"), "re-created with its latest payload");
            assertEquals("m2", members.get(0).idFromPath("/group/m2"));
        } finally {
            for (GroupMember m : members) {
                m.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aMemberIdMustBeOneNodeName(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        assertThrows(IllegalArgumentException.class, () -> new GroupMember(client, "/group", "a/b"));
        assertThrows(IllegalArgumentException.class, () -> new GroupMember(client, "/group", ""));
    }

    private static String payload(GroupMember m, String id) {
        byte[] data = m.getCurrentMembers().get(id);
        return data == null ? null : new String(data, StandardCharsets.UTF_8);
    }
}
