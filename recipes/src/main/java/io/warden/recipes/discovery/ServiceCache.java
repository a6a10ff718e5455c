package io.warden.recipes.discovery;

import io.warden.framework.listen.Listenable;
import io.warden.recipes.discovery.details.InstanceProvider;
import io.warden.recipes.discovery.details.ServiceCacheListener;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A watched, locally cached view of one service's instances. Listeners run on the cache's executor. */
public interface ServiceCache<T> extends Closeable, Listenable<ServiceCacheListener>, InstanceProvider<T> {
    /** The current instances (a snapshot). */
    @Override
    List<ServiceInstance<T>> getInstances();

    /** Loads the instances and starts watching; returns after the first load. */
    void start() throws Exception;

    /** Starts watching without waiting; the latch opens after the first load. */
    CountDownLatch startImmediate() throws Exception;
}
