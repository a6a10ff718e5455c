package io.warden.recipes.discovery;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.discovery.details.ServiceCacheListener;
import io.warden.recipes.discovery.strategies.RandomStrategy;
import io.warden.recipes.discovery.strategies.RoundRobinStrategy;
import io.warden.recipes.discovery.strategies.StickyStrategy;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import io.warden.framework.state.ConnectionState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceDiscoveryTest extends RecipeTestBase {

    private static ServiceInstance<Details> instance(String id, int port, String region) {
        return ServiceInstance.<Details>builder().name("api").id(id).address("127.0.0.1").port(port)
                .payload(new Details(region, port)).build();
    }

    private ServiceDiscovery<Details> discovery(CuratorFramework client) throws Exception {
        ServiceDiscovery<Details> d = ServiceDiscoveryBuilder.builder(Details.class).client(client)
                .basePath("/services").build();
        d.start();
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void registerUpdateUnregisterAndQuery(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        try (ServiceDiscovery<Details> d = discovery(client)) {
            ServiceInstance<Details> a = instance("a", 1, "eu");
            d.registerService(a);
            d.registerService(instance("b", 2, "us"));
            assertEquals(Set.of("api"), new HashSet<>(d.queryForNames()));
            assertEquals(2, d.queryForInstances("api").size());
            assertEquals(a, d.queryForInstance("api", "a"));
            assertTrue(client.checkExists().forPath("/services/api/a").getEphemeralOwner() != 0, "DYNAMIC is ephemeral");
            ServiceInstance<Details> a2 = instance("a", 1, "ap");
            d.updateService(a2);
            assertEquals("ap", d.queryForInstance("api", "a").getPayload().region);
            d.unregisterService(a2);
            assertNull(d.queryForInstance("api", "a"));
            assertEquals(1, d.queryForInstances("api").size());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void registrationReturnsAfterSessionLossWithItsLatestVersion(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        try (ServiceDiscovery<Details> d = discovery(client)) {
            d.registerService(instance("x", 1, "v1"));
            d.updateService(instance("x", 1, "v2"));
            expireSession(client, backend);
            waitFor("re-registered", () -> region(d) != null);
            assertEquals("v2", region(d), "the updated version, never the stale one");
            long owner = client.checkExists().forPath("/services/api/x").getEphemeralOwner();
            assertEquals(client.getZookeeperClient().getZooKeeper().getSessionId(), owner, "owned by the new session");
        }
    }

    private static String region(ServiceDiscovery<Details> d) {
        try {
            ServiceInstance<Details> i = d.queryForInstance("api", "x");
            return i == null ? null : i.getPayload().region;
        } catch (Exception e) {
            return null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void cacheSeesRegistrationsUpdatesAndRemovalsAndTellsListeners(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        try (ServiceDiscovery<Details> d = discovery(client)) {
            ServiceCache<Details> cache = d.serviceCacheBuilder().name("api").build();
            AtomicInteger changes = new AtomicInteger();
            cache.addListener(new ServiceCacheListener() {
                @Override
                public void cacheChanged() {
                    changes.incrementAndGet();
                }

                @Override
                public void stateChanged(CuratorFramework c, ConnectionState s) {
                }
            });
            cache.start();
            assertEquals(0, cache.getInstances().size());
            d.registerService(instance("a", 1, "eu"));
            waitFor("cache sees a", () -> cache.getInstances().size() == 1);
            d.updateService(instance("a", 1, "us"));
            waitFor("cache sees the update", () -> "us".equals(cache.getInstances().get(0).getPayload().region));
            d.unregisterService(instance("a", 1, "us"));
            waitFor("cache sees removal", () -> cache.getInstances().isEmpty());
            waitFor("three change events", () -> changes.get() >= 3);
            cache.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void providerStrategiesAndDownInstances(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        try (ServiceDiscovery<Details> d = discovery(client)) {
            for (int i = 0; i < 3; i++) {
                d.registerService(instance("i" + i, i, "r"));
            }
            d.registerService(ServiceInstance.<Details>builder().name("api").id("off").address("h").enabled(false).build());
            try (ServiceProvider<Details> rr = d.serviceProviderBuilder().serviceName("api")
                    .providerStrategy(new RoundRobinStrategy<>()).build()) {
                rr.start();
                waitFor("provider loaded", () -> all(rr) == 4);
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < 3; i++) {
                    seen.add(rr.getInstance().getId());
                }
                assertEquals(Set.of("i0", "i1", "i2"), seen, "round robin visits every enabled instance once");
                ServiceInstance<Details> bad = rr.getInstance();
                rr.noteError(bad);
                rr.noteError(bad);
                for (int i = 0; i < 6; i++) {
                    assertTrue(!rr.getInstance().getId().equals(bad.getId()), "a down instance is skipped");
                }
            }
            try (ServiceProvider<Details> sticky = d.serviceProviderBuilder().serviceName("api")
                    .providerStrategy(new StickyStrategy<>(new RandomStrategy<>(() -> new Random(7)))).build()) {
                sticky.start();
                waitFor("provider loaded", () -> all(sticky) == 4);
                String first = sticky.getInstance().getId();
                for (int i = 0; i < 5; i++) {
                    assertEquals(first, sticky.getInstance().getId(), "sticky keeps its instance");
                }
            }
            try (ServiceProvider<Details> eu = d.serviceProviderBuilder().serviceName("api")
                    .additionalFilter(i -> i.getId().equals("i1")).build()) {
                eu.start();
                waitFor("provider loaded", () -> all(eu) == 4);
                assertEquals("i1", eu.getInstance().getId(), "additional filters apply");
            }
        }
    }

    private static int all(ServiceProvider<Details> p) {
        try {
            return p.getAllInstances().size();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String childrenOrError(CuratorFramework client) {
        try {
            return client.getChildren().forPath("/services/api").toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void interoperatesBothWaysWithCuratorDiscovery(Backend backend) throws Exception {
        CuratorFramework client = newClient(backend);
        try (org.apache.curator.framework.CuratorFramework curator = org.apache.curator.framework.CuratorFrameworkFactory
                .newClient(backend.connectString(), new org.apache.curator.retry.RetryOneTime(100));
             ServiceDiscovery<Details> ours = discovery(client)) {
            // Curator's discovery re-registers (delete, then create) on a CONNECTED event it hears: let
            // the first one be delivered before it starts, or curator-1 briefly vanishes mid-test
            java.util.concurrent.CountDownLatch connectedDelivered = new java.util.concurrent.CountDownLatch(1);
            curator.getConnectionStateListenable().addListener((c, state) -> {
                if (state == org.apache.curator.framework.state.ConnectionState.CONNECTED) {
                    connectedDelivered.countDown();
                }
            });
            curator.start();
            assertTrue(connectedDelivered.await(15, TimeUnit.SECONDS));
            org.apache.curator.x.discovery.ServiceDiscovery<Details> theirs = org.apache.curator.x.discovery
                    .ServiceDiscoveryBuilder.builder(Details.class).client(curator).basePath("/services").build();
            theirs.start();
            theirs.registerService(org.apache.curator.x.discovery.ServiceInstance.<Details>builder().name("api")
                    .id("curator-1").address("10.1.1.1").port(8080).sslPort(8443).payload(new Details("eu", 5))
                    .uriSpec(new org.apache.curator.x.discovery.UriSpec("{scheme}://{address}:{ssl-port}")).build());
            ours.registerService(ServiceInstance.<Details>builder().name("api").id("warden-1").address("10.2.2.2")
                    .port(9090).payload(new Details("us", 7)).uriSpec(new UriSpec("{scheme}://{address}:{port}/x"))
                    .build());

            // another session's write: sync first (ZooKeeper only promises it to the writer's session)
            client.sync().forPath("/services/api");
            curator.sync().forPath("/services/api");
            ServiceInstance<Details> seenByUs = ours.queryForInstance("api", "curator-1");
            if (seenByUs == null) { // diagnostics for a rare failure seen once under load: who sees what
                fail("curator-1 not visible to our session after sync; our children of /services/api: "
                        + childrenOrError(client) + ", Curator's own view: "
                        + curator.checkExists().forPath("/services/api/curator-1") + " (session 0x"
                        + Long.toHexString(curator.getZookeeperClient().getZooKeeper().getSessionId()) + ")");
            }
            assertEquals(new Details("eu", 5), seenByUs.getPayload());
            assertEquals(8443, seenByUs.getSslPort());
            assertEquals("https://10.1.1.1:8443", seenByUs.buildUriSpec());

            var seenByThem = theirs.queryForInstance("api", "warden-1");
            assertEquals(new Details("us", 7), seenByThem.getPayload());
            assertEquals(9090, seenByThem.getPort());
            assertEquals("http://10.2.2.2:9090/x", seenByThem.buildUriSpec());
            List<String> ids = new ArrayList<>();
            theirs.queryForInstances("api").forEach(i -> ids.add(i.getId()));
            assertEquals(Set.of("curator-1", "warden-1"), new HashSet<>(ids));
            theirs.close();
        }
    }
}
