package io.warden.recipes.discovery.details;

import com.google.common.util.concurrent.MoreExecutors;
import io.warden.framework.CuratorFramework;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateListener;
import io.warden.recipes.discovery.ServiceCache;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.znode.KeeperException;
import io.warden.znode.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Caches one service's instances: a children watch on {@code basePath/name} triggers a reload on
 * the cache's serial executor; listeners are told (on that executor) when the set or any instance
 * changed. Data changes of existing instances are picked up by a data watch per instance.
 */
class ServiceCacheImpl<T> implements ServiceCache<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceCacheImpl.class);

    private final ServiceDiscoveryImpl<T> discovery;
    private final CuratorFramework client;
    private final String name;
    private final ExecutorService ownedExecutor;
    private final Executor serial;
    private final Map<ServiceCacheListener, Executor> listeners = new ConcurrentHashMap<>();
    private final ConnectionStateListener stateListener = this::onState;
    private volatile Map<String, ServiceInstance<T>> instances = Map.of();
    private volatile boolean closed;
    private final CountDownLatch loaded = new CountDownLatch(1);

    ServiceCacheImpl(ServiceDiscoveryImpl<T> discovery, String name, ExecutorService executor, boolean owned) {
        this.discovery = discovery;
        this.client = discovery.getClient();
        this.name = name;
        this.ownedExecutor = owned ? executor : null;
        this.serial = owned ? executor : MoreExecutors.newSequentialExecutor(executor);
    }

    @Override
    public List<ServiceInstance<T>> getInstances() {
        return new ArrayList<>(instances.values());
    }

    @Override
    public void start() throws Exception {
        CountDownLatch latch = startImmediate();
        if (!latch.await(client.getZookeeperClient().getConnectionTimeoutMs() + 30_000L, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("service cache for " + name + " did not load");
        }
    }

    @Override
    public CountDownLatch startImmediate() {
        discovery.track(this);
        client.getConnectionStateListenable().addListener(stateListener);
        post(this::reload);
        return loaded;
    }

    @Override
    public void close() {
        closed = true;
        discovery.untrack(this);
        client.getConnectionStateListenable().removeListener(stateListener);
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    @Override
    public void addListener(ServiceCacheListener listener) {
        listeners.put(listener, serial);
    }

    @Override
    public void addListener(ServiceCacheListener listener, Executor executor) {
        listeners.put(listener, executor);
    }

    @Override
    public void removeListener(ServiceCacheListener listener) {
        listeners.remove(listener);
    }

    private void post(Runnable r) {
        if (closed) {
            return;
        }
        try {
            serial.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private void onState(CuratorFramework c, ConnectionState state) {
        listeners.forEach((l, ex) -> ex.execute(() -> l.stateChanged(c, state)));
        if (state == ConnectionState.RECONNECTED) {
            post(this::reload);
        }
    }

    /** Serial executor only. */
    private void reload() {
        if (closed) {
            return;
        }
        Watcher watcher = event -> {
            if (event.getType() != Watcher.Event.EventType.None) {
                post(this::reload);
            }
        };
        String parent = discovery.pathForName(name);
        try {
            List<String> ids;
            try {
                ids = client.getChildren().usingWatcher(watcher).forPath(parent);
            } catch (KeeperException.NoNodeException e) {
                client.checkExists().usingWatcher(watcher).forPath(parent);
                ids = List.of();
            }
            Map<String, ServiceInstance<T>> fresh = new LinkedHashMap<>();
            for (String id : ids) {
                ServiceInstance<T> instance = read(parent, id, watcher);
                if (instance != null) {
                    fresh.put(id, instance);
                }
            }
            boolean changed = !fresh.equals(instances);
            instances = Map.copyOf(fresh);
            loaded.countDown();
            if (changed) {
                listeners.forEach((l, ex) -> ex.execute(l::cacheChanged));
            }
        } catch (Exception e) {
            LOG.debug("service cache {} reload failed; waiting for reconnect", name, e);
        }
    }

    private ServiceInstance<T> read(String parent, String id, Watcher watcher) throws Exception {
        try {
            byte[] data = client.getData().usingWatcher(watcher).forPath(parent + "/" + id);
            return discovery.getSerializer().deserialize(data);
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (KeeperException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("service cache {}: skipping unreadable instance {}: {}", name, id, e.getMessage());
            return null;
        }
    }
}
