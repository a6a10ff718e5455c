package io.warden.recipes.cache;

import io.warden.framework.CuratorFramework;
import io.warden.framework.api.CuratorEvent;
import io.warden.framework.listen.Listenable;
import io.warden.framework.listen.StandardListenerManager;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateListener;
import io.warden.znode.AddWatchMode;
import io.warden.znode.KeeperException;
import io.warden.znode.Stat;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@link CuratorCache} on one persistent recursive watch. Every state change (storage, load counters)
 * happens on the client's event thread — watch events and background callbacks both run there — so
 * the cache needs no locks; readers see a concurrent map. Stale reads are dropped by comparing mzxid.
 */
final class CuratorCacheImpl implements CuratorCache {
    private static final Logger LOG = LoggerFactory.getLogger(CuratorCacheImpl.class);

    private enum State { LATENT, STARTED, CLOSED }

    private final CuratorFramework client;
    private final String root;
    private final boolean singleNode;
    private final boolean compressed;
    private final boolean clearOnClose;
    private final boolean cacheData;
    private final Consumer<Exception> exceptionHandler;
    private final Map<String, ChildData> storage = new ConcurrentHashMap<>();
    private final StandardListenerManager<CuratorCacheListener> listeners;
    private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
    private final Watcher watcher = this::onWatchEvent;
    private final ConnectionStateListener connectionListener = this::onConnectionState;

    // confined to the event thread
    private int generation;
    private int outstanding;
    private Set<String> seenInRebuild;
    private boolean initialized;

    CuratorCacheImpl(CuratorFramework client, String root, EnumSet<Options> options, boolean cacheData,
                     Consumer<Exception> exceptionHandler) {
        this.client = client;
        this.root = root;
        this.singleNode = options.contains(Options.SINGLE_NODE_CACHE);
        this.compressed = options.contains(Options.COMPRESSED_DATA);
        this.clearOnClose = !options.contains(Options.DO_NOT_CLEAR_ON_CLOSE);
        this.cacheData = cacheData;
        this.exceptionHandler = exceptionHandler;
        this.listeners = new StandardListenerManager<>(r -> client.runSafe(r), (m, e) -> handleError(e));
    }

    @Override
    public void start() {
        if (!state.compareAndSet(State.LATENT, State.STARTED)) {
            throw new IllegalStateException("Cannot be started more than once");
        }
        client.getConnectionStateListenable().addListener(connectionListener);
        addWatch();
        client.runSafe(this::rebuild);
    }

    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.STARTED) {
            return;
        }
        client.getConnectionStateListenable().removeListener(connectionListener);
        try {
            client.watchers().remove(watcher).quietly().inBackground((c, e) -> { }).forPath(root);
        } catch (Exception e) {
            LOG.debug("watch removal on close failed: {}", e.toString());
        }
        if (clearOnClose) {
            storage.clear();
        }
        listeners.clear();
    }

    @Override
    public Listenable<CuratorCacheListener> listenable() {
        return listeners;
    }

    @Override
    public Optional<ChildData> get(String path) {
        return Optional.ofNullable(storage.get(path));
    }

    @Override
    public int size() {
        return storage.size();
    }

    @Override
    public Stream<ChildData> stream() {
        return storage.values().stream();
    }

    private boolean running() {
        return state.get() == State.STARTED;
    }

    private void addWatch() {
        try {
            client.watchers().add().withMode(singleNode ? AddWatchMode.PERSISTENT : AddWatchMode.PERSISTENT_RECURSIVE)
                    .usingWatcher(watcher).inBackground((c, e) -> {
                        if (e.getResultCode() != 0) {
                            handleError(KeeperException.create(e.getResultCode(), root));
                        }
                    }).forPath(root);
        } catch (Exception e) {
            handleError(e);
        }
    }

    private void onConnectionState(CuratorFramework c, ConnectionState s) {
        // persistent watches come back without catch-up events, and not at all after LOST: re-add, re-read
        if (s == ConnectionState.RECONNECTED && running()) {
            addWatch();
            rebuild();
        }
    }

    private void onWatchEvent(WatchedEvent event) {
        if (!running() || event.getPath() == null) {
            return;
        }
        String path = event.getPath();
        if (singleNode && !path.equals(root)) {
            return;
        }
        switch (event.getType()) {
            case NodeCreated, NodeDataChanged -> fetch(path, generation, false);
            case NodeDeleted -> remove(path);
            default -> { }
        }
    }

    // ---- loading ----

    private void rebuild() {
        if (!running()) {
            return;
        }
        generation++;
        outstanding = 0;
        seenInRebuild = new HashSet<>();
        fetch(root, generation, true);
    }

    /** Reads one node; when {@code walk}, also its children (recursively), counting outstanding reads of this generation. */
    private void fetch(String path, int gen, boolean walk) {
        if (walk) {
            outstanding++;
        }
        if (seenInRebuild != null) {
            seenInRebuild.add(path);
        }
        try {
            var b = client.getData();
            if (compressed) {
                b.decompressed();
            }
            b.inBackground((c, e) -> onData(path, gen, walk, e)).forPath(path);
        } catch (Exception e) {
            handleError(e);
            if (walk) {
                finished(gen);
            }
        }
    }

    private void onData(String path, int gen, boolean walk, CuratorEvent e) {
        if (!running()) {
            return;
        }
        if (e.getResultCode() == 0) {
            put(path, e.getStat(), e.getData());
            if (walk && !singleNode) {
                outstanding++;
                try {
                    client.getChildren().inBackground((c, ce) -> onChildren(path, gen, ce)).forPath(path);
                } catch (Exception ex) {
                    finished(gen);
                }
            }
        } else if (e.getResultCode() == KeeperException.Code.NONODE.intValue()) {
            remove(path);
        } else {
            handleError(KeeperException.create(e.getResultCode(), path));
        }
        if (walk) {
            finished(gen);
        }
    }

    private void onChildren(String path, int gen, CuratorEvent e) {
        if (running() && e.getResultCode() == 0 && gen == generation) {
            for (String child : e.getChildren()) {
                fetch(path.equals("/") ? "/" + child : path + "/" + child, gen, true);
            }
        }
        finished(gen);
    }

    private void finished(int gen) {
        if (gen != generation || --outstanding > 0) {
            return;
        }
        // the tree was fully re-read: whatever we still hold but did not see is gone
        Set<String> seen = seenInRebuild;
        seenInRebuild = null;
        if (seen != null) {
            List<String> gone = new ArrayList<>();
            storage.keySet().forEach(p -> {
                if (!seen.contains(p)) {
                    gone.add(p);
                }
            });
            gone.forEach(this::remove);
        }
        if (!initialized) {
            initialized = true;
            listeners.forEach(CuratorCacheListener::initialized);
        }
    }

    // ---- storage ----

    private void put(String path, Stat stat, byte[] data) {
        ChildData old = storage.get(path);
        if (old != null && old.stat().getMzxid() > stat.getMzxid()) {
            return;
        }
        ChildData fresh = new ChildData(path, stat, cacheData ? data : null);
        storage.put(path, fresh);
        if (old == null) {
            listeners.forEach(l -> l.event(CuratorCacheListener.Type.NODE_CREATED, null, fresh));
        } else if (old.stat().getMzxid() != stat.getMzxid()) {
            listeners.forEach(l -> l.event(CuratorCacheListener.Type.NODE_CHANGED, old, fresh));
        }
    }

    private void remove(String path) {
        List<String> doomed = new ArrayList<>();
        String prefix = path.equals("/") ? "/" : path + "/";
        storage.keySet().forEach(p -> {
            if (p.startsWith(prefix) && !p.equals(path)) {
                doomed.add(p);
            }
        });
        doomed.sort((a, b) -> b.length() - a.length());
        doomed.add(path);
        for (String p : doomed) {
            ChildData old = storage.remove(p);
            if (old != null) {
                listeners.forEach(l -> l.event(CuratorCacheListener.Type.NODE_DELETED, old, old));
            }
        }
    }

    private void handleError(Exception e) {
        if (exceptionHandler != null) {
            exceptionHandler.accept(e);
        } else {
            LOG.error("CuratorCache of {} failed", root, e);
        }
    }

    private void handleError(Throwable t) {
        handleError(t instanceof Exception e ? e : new IllegalStateException(t));
    }
}
