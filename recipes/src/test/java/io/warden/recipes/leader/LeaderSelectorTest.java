package io.warden.recipes.leader;

import io.warden.framework.CuratorFramework;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaderSelectorTest extends RecipeTestBase {

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void autoRequeueCyclesNeverOverlapTokensGrowAndEveryoneLeadsEvenWhenListenersThrow(Backend backend)
            throws Exception {
        int n = 3;
        int cycles = 300;
        AtomicInteger leadersNow = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong lastToken = new AtomicLong(-1);
        AtomicInteger tokenErrors = new AtomicInteger();
        Map<String, AtomicInteger> led = new ConcurrentHashMap<>();
        CountDownLatch finished = new CountDownLatch(1);
        List<LeaderSelector> selectors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "s" + i;
            LeaderSelector[] self = new LeaderSelector[1];
            self[0] = new LeaderSelector(newClient(backend), "/selector-cycles", new LeaderSelectorListenerAdapter() {
                @Override
                public void takeLeadership(CuratorFramework client) {
                    if (leadersNow.incrementAndGet() != 1) {
                        overlaps.incrementAndGet();
                    }
                    long token = self[0].getLeadershipToken();
                    if (token <= lastToken.getAndSet(token)) {
                        tokenErrors.incrementAndGet();
                    }
                    int count = led.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    leadersNow.decrementAndGet();
                    if (done.incrementAndGet() >= cycles) {
                        finished.countDown();
                    }
                    if (count % 2 == 0) {
                        throw new IllegalStateException("listener failure must still hand leadership on");
                    }
                }
            });
            self[0].setId(id);
            self[0].autoRequeue();
            selectors.add(self[0]);
        }
        selectors.forEach(LeaderSelector::start);
        assertTrue(finished.await(120, TimeUnit.SECONDS), "cycles completed: " + done.get());
        selectors.forEach(LeaderSelector::close);
        assertEquals(0, overlaps.get(), "never two leaders at once");
        assertEquals(0, tokenErrors.get(), "every grant's token is larger than the previous one");
        assertEquals(n, led.size(), "every participant led: " + led);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sessionLossCancelsTakeLeadershipAndTheOtherParticipantLeads(Backend backend) throws Exception {
        CuratorFramework c1 = newClient(backend);
        CuratorFramework c2 = newClient(backend);
        CountDownLatch firstLeading = new CountDownLatch(1);
        CountDownLatch firstInterrupted = new CountDownLatch(1);
        CountDownLatch secondLeading = new CountDownLatch(1);
        LeaderSelector first = new LeaderSelector(c1, "/selector-expiry", new LeaderSelectorListenerAdapter() {
            @Override
            public void takeLeadership(CuratorFramework client) {
                firstLeading.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    firstInterrupted.countDown();
                }
            }
        });
        first.setId("first");
        LeaderSelector second = new LeaderSelector(c2, "/selector-expiry", new LeaderSelectorListenerAdapter() {
            @Override
            public void takeLeadership(CuratorFramework client) throws Exception {
                secondLeading.countDown();
                new CountDownLatch(1).await();
            }
        });
        second.setId("second");
        first.start();
        assertTrue(firstLeading.await(WAIT_S, TimeUnit.SECONDS));
        assertTrue(first.hasLeadership());
        second.start();
        waitFor("second queued", () -> count(second) == 2);
        assertEquals("first", second.getLeader().getId());
        expireSession(c1, backend);
        assertTrue(firstInterrupted.await(WAIT_S, TimeUnit.SECONDS), "takeLeadership interrupted on session loss");
        assertTrue(secondLeading.await(WAIT_S, TimeUnit.SECONDS), "the other participant leads");
        waitFor("first no longer leads", () -> !first.hasLeadership());
        assertEquals("second", second.getLeader().getId());
        first.close();
        second.close();
    }

    private static int count(LeaderSelector s) {
        try {
            return s.getParticipants().size();
        } catch (Exception e) {
            return -1;
        }
    }
}
