package io.warden.client;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectStringTest {
    @Test
    void parsesHostsPortsAndChroot() {
        ConnectString cs = ConnectString.parse("a:1,b:2, c/app/x");
        assertEquals(3, cs.hosts().size());
        assertEquals("a", cs.hosts().get(0).getHostString());
        assertEquals(2, cs.hosts().get(1).getPort());
        assertEquals(ConnectString.DEFAULT_PORT, cs.hosts().get(2).getPort());
        assertEquals("/app/x", cs.chroot());
    }

    @Test
    void chrootIsAddedOnTheWayOutAndStrippedOnTheWayBack() {
        ConnectString cs = ConnectString.parse("h:1/app");
        assertEquals("/app", cs.prependChroot("/"));
        assertEquals("/app/n", cs.prependChroot("/n"));
        assertEquals("/", cs.stripChroot("/app"));
        assertEquals("/n", cs.stripChroot("/app/n"));
        assertEquals("/apple", cs.stripChroot("/apple"), "a sibling sharing the prefix is not inside the chroot");
        assertNull(ConnectString.parse("h:1/").chroot(), "a lone slash is no chroot");
    }

    @Test
    void badInputIsRejectedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> ConnectString.parse(""));
        assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("h:notaport"));
        assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("h:70000"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectString.parse("h:1/bad/"));
        assertTrue(e.getMessage().contains("/bad/"), e.getMessage());
    }

    @Test
    void shuffleKeepsEveryHostAndVariesTheOrder() {
        ConnectString cs = ConnectString.parse("a:1,b:1,c:1,d:1");
        Set<String> firsts = new HashSet<>();
        Random r = new Random(42);
        for (int i = 0; i < 50; i++) {
            var order = cs.shuffled(r);
            assertEquals(4, new HashSet<>(order).size());
            firsts.add(order.get(0).getHostString());
        }
        assertTrue(firsts.size() > 1);
    }
}
