package io.warden.recipes.discovery.details;

import io.warden.framework.CuratorFramework;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateListener;
import io.warden.recipes.discovery.ServiceCacheBuilder;
import io.warden.recipes.discovery.ServiceDiscovery;
import io.warden.recipes.discovery.ServiceInstance;
import io.warden.recipes.discovery.ServiceProviderBuilder;
import io.warden.recipes.discovery.ServiceType;
import io.warden.recipes.internal.Sequences;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import io.warden.znode.PathUtils;
import io.warden.znode.Stat;
import io.warden.znode.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ZooKeeper-backed {@link ServiceDiscovery}. Registrations are kept locally (latest version
 * wins) and every write of a registration happens under one lock, so a re-registration after a
 * reconnect always writes the newest version and can never overwrite a later update with a stale
 * one. On RECONNECTED (same or new session) every registration is re-asserted: created if missing,
 * rewritten if stale, and a leftover ephemeral of an earlier session is replaced.
 */
public class ServiceDiscoveryImpl<T> implements ServiceDiscovery<T> {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceDiscoveryImpl.class);

    private final CuratorFramework client;
    private final String basePath;
    private final InstanceSerializer<T> serializer;
    private final ServiceInstance<T> thisInstance;
    private final boolean watchInstances;
    private final Map<String, ServiceInstance<T>> registrations = new ConcurrentHashMap<>();
    private final ReentrantLock writeLock = new ReentrantLock();
    private final List<java.io.Closeable> closeables = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ConnectionStateListener stateListener = (c, s) -> {
        if (s == ConnectionState.RECONNECTED) {
            reRegisterAll();
        }
    };

    public ServiceDiscoveryImpl(CuratorFramework client, String basePath, InstanceSerializer<T> serializer,
                                ServiceInstance<T> thisInstance, boolean watchInstances) {
        PathUtils.validatePath(basePath);
        this.client = client;
        this.basePath = basePath;
        this.serializer = serializer;
        this.thisInstance = thisInstance;
        this.watchInstances = watchInstances;
    }

    public CuratorFramework getClient() { return client; }
    public String getBasePath() { return basePath; }
    public InstanceSerializer<T> getSerializer() { return serializer; }

    @Override
    public void start() throws Exception {
        client.getConnectionStateListenable().addListener(stateListener);
        if (thisInstance != null) {
            registerService(thisInstance);
        }
    }

    @Override
    public void close() {
        client.getConnectionStateListenable().removeListener(stateListener);
        for (java.io.Closeable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing a discovery cache/provider", e);
            }
        }
        for (ServiceInstance<T> instance : registrations.values()) {
            if (instance.getServiceType() == ServiceType.PERMANENT) {
                continue;
            }
            try {
                unregisterService(instance);
            } catch (Exception e) {
                LOG.warn("could not unregister {} on close", instance.getId(), e);
            }
        }
    }

    /** Path of an instance's znode: basePath/name/id. */
    public String pathForInstance(String name, String id) {
        return Sequences.join(pathForName(name), id);
    }

    String pathForName(String name) {
        return Sequences.join(basePath, name);
    }

    @Override
    public void registerService(ServiceInstance<T> service) throws Exception {
        writeLock.lock();
        try {
            registrations.put(service.getId(), service);
            write(service, true);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void updateService(ServiceInstance<T> service) throws Exception {
        writeLock.lock();
        try {
            if (!registrations.containsKey(service.getId())) {
                throw new IllegalStateException("service is not registered: " + service.getId());
            }
            registrations.put(service.getId(), service);
            client.setData().forPath(pathForInstance(service.getName(), service.getId()), serializer.serialize(service));
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void unregisterService(ServiceInstance<T> service) throws Exception {
        writeLock.lock();
        try {
            registrations.remove(service.getId());
            client.delete().guaranteed().quietly().forPath(pathForInstance(service.getName(), service.getId()));
        } finally {
            writeLock.unlock();
        }
    }

    /** Creates the node, or (if it exists) makes it hold the given version and belong to this session. */
    private void write(ServiceInstance<T> service, boolean watch) throws Exception {
        byte[] bytes = serializer.serialize(service);
        String path = pathForInstance(service.getName(), service.getId());
        CreateMode mode = switch (service.getServiceType()) {
            case DYNAMIC -> CreateMode.EPHEMERAL;
            case DYNAMIC_SEQUENTIAL -> CreateMode.EPHEMERAL_SEQUENTIAL;
            default -> CreateMode.PERSISTENT;
        };
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                client.create().creatingParentContainersIfNeeded().withMode(mode).forPath(path, bytes);
                break;
            } catch (KeeperException.NodeExistsException exists) {
                Stat stat = client.checkExists().forPath(path);
                if (stat == null) {
                    continue;
                }
                long session = client.getZookeeperClient().getZooKeeper().getSessionId();
                if (mode.isEphemeral() && stat.getEphemeralOwner() != session) {
                    // an ephemeral left by an earlier session: it would vanish with that session
                    client.delete().quietly().forPath(path);
                    continue;
                }
                client.setData().forPath(path, bytes);
                break;
            }
        }
        if (watch && watchInstances) {
            watchRegistration(service.getName(), service.getId());
        }
    }

    private void watchRegistration(String name, String id) throws Exception {
        Watcher watcher = event -> {
            if (event.getType() == Watcher.Event.EventType.NodeDeleted) {
                reRegister(id);
            } else if (event.getType() != Watcher.Event.EventType.None) {
                try {
                    watchRegistration(name, id);
                } catch (Exception e) {
                    LOG.debug("re-watching {}", id, e);
                }
            }
        };
        client.checkExists().usingWatcher(watcher).forPath(pathForInstance(name, id));
    }

    private void reRegister(String id) {
        writeLock.lock();
        try {
            ServiceInstance<T> latest = registrations.get(id);
            if (latest != null) {
                write(latest, true);
            }
        } catch (Exception e) {
            LOG.warn("could not re-register {}", id, e);
        } finally {
            writeLock.unlock();
        }
    }

    private void reRegisterAll() {
        for (String id : new ArrayList<>(registrations.keySet())) {
            reRegister(id);
        }
    }

    @Override
    public ServiceCacheBuilder<T> serviceCacheBuilder() {
        return new ServiceCacheBuilderImpl<>(this);
    }

    @Override
    public ServiceProviderBuilder<T> serviceProviderBuilder() {
        return new ServiceProviderBuilderImpl<>(this);
    }

    void track(java.io.Closeable c) {
        closeables.add(c);
    }

    void untrack(java.io.Closeable c) {
        closeables.remove(c);
    }

    @Override
    public Collection<String> queryForNames() throws Exception {
        try {
            return client.getChildren().forPath(basePath);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    @Override
    public Collection<ServiceInstance<T>> queryForInstances(String name) throws Exception {
        List<String> ids;
        try {
            ids = client.getChildren().forPath(pathForName(name));
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
        List<ServiceInstance<T>> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            ServiceInstance<T> instance = queryForInstance(name, id);
            if (instance != null) {
                out.add(instance);
            }
        }
        return out;
    }

    @Override
    public ServiceInstance<T> queryForInstance(String name, String id) throws Exception {
        byte[] bytes;
        try {
            bytes = client.getData().forPath(pathForInstance(name, id));
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
        try {
            return serializer.deserialize(bytes);
        } catch (Exception e) {
            LOG.warn("skipping unreadable instance {}/{}: {}", name, id, e.getMessage());
            return null;
        }
    }
}
