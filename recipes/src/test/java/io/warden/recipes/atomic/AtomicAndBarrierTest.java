package io.warden.recipes.atomic;

import io.warden.recipes.barriers.DistributedBarrier;
import io.warden.recipes.test.Backend;
import io.warden.recipes.test.RecipeTestBase;
import io.warden.retry.RetryNTimes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AtomicAndBarrierTest extends RecipeTestBase {

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void concurrentIncrementsFromTwoClientsAreNeverLost(Backend backend) throws Exception {
        DistributedAtomicLong a = new DistributedAtomicLong(newClient(backend), "/counter", new RetryNTimes(1000, 1));
        DistributedAtomicLong b = new DistributedAtomicLong(newClient(backend), "/counter", new RetryNTimes(1000, 1));
        assertTrue(a.initialize(0L));
        assertFalse(b.initialize(5L), "initialize does not overwrite");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> fs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            DistributedAtomicLong c = i % 2 == 0 ? a : b;
            fs.add(pool.submit(() -> c.increment().succeeded()));
        }
        for (Future<Boolean> f : fs) {
            assertTrue(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        assertEquals(80L, a.get().postValue());
        assertFalse(a.compareAndSet(1L, 2L).succeeded(), "CAS with a wrong expectation fails");
        assertTrue(a.compareAndSet(80L, 100L).succeeded());
        assertEquals(100L, b.get().preValue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void barrierHoldsWaitersUntilRemoved(Backend backend) throws Exception {
        DistributedBarrier setter = new DistributedBarrier(newClient(backend), "/barrier");
        DistributedBarrier waiter = new DistributedBarrier(newClient(backend), "/barrier");
        setter.setBarrier();
        assertFalse(waiter.waitOnBarrier(100, TimeUnit.MILLISECONDS));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Boolean> passed = pool.submit(() -> waiter.waitOnBarrier(WAIT_S, TimeUnit.SECONDS));
        setter.removeBarrier();
        assertTrue(passed.get(WAIT_S, TimeUnit.SECONDS));
        pool.shutdown();
    }
}
