package io.warden.framework.imps;

import io.warden.framework.CuratorFramework;
import io.warden.framework.CuratorFrameworkFactory;
import io.warden.framework.CuratorFrameworkState;
import io.warden.framework.CuratorZookeeperClient;
import io.warden.framework.WatcherRemoveCuratorFramework;
import io.warden.framework.api.CreateBuilder;
import io.warden.framework.api.CuratorEvent;
import io.warden.framework.api.CuratorEventType;
import io.warden.framework.api.CuratorListener;
import io.warden.framework.api.CuratorWatcher;
import io.warden.framework.api.DeleteBuilder;
import io.warden.framework.api.ExistsBuilder;
import io.warden.framework.api.GetACLBuilder;
import io.warden.framework.api.GetChildrenBuilder;
import io.warden.framework.api.GetDataBuilder;
import io.warden.framework.api.SetACLBuilder;
import io.warden.framework.api.SetDataBuilder;
import io.warden.framework.api.SyncBuilder;
import io.warden.framework.api.UnhandledErrorListener;
import io.warden.framework.api.WatchesBuilder;
import io.warden.framework.api.transaction.CuratorMultiTransaction;
import io.warden.framework.api.transaction.TransactionOp;
import io.warden.framework.async.AsyncCuratorFramework;
import io.warden.framework.listen.Listenable;
import io.warden.framework.state.ConnectionStateErrorPolicy;
import io.warden.framework.state.ConnectionStateListener;
import io.warden.znode.WatchedEvent;
import io.warden.znode.Watcher;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The {@link CuratorFramework} implementation: a thin view (namespace) over a shared {@link FrameworkCore}.
 * The root view owns the life cycle; namespace views share it and refuse start/close.
 */
public final class CuratorFrameworkImpl implements WatcherRemoveCuratorFramework {
    private final FrameworkCore core;
    private final Namespace namespace;
    private final boolean isRoot;
    private final Watcher listenerWatcher;
    /** Watchers set through this view (server path, wrapped watcher); null unless it is a watcher-removing view. */
    private final java.util.Set<java.util.Map.Entry<String, Watcher>> tracked;

    public CuratorFrameworkImpl(CuratorFrameworkFactory.Builder builder) {
        this.core = new FrameworkCore(builder);
        this.namespace = Namespace.of(builder.getNamespace());
        this.isRoot = true;
        this.tracked = null;
        this.listenerWatcher = newListenerWatcher();
        core.bind(this);
    }

    private CuratorFrameworkImpl(FrameworkCore core, Namespace namespace, boolean trackWatchers) {
        this.core = core;
        this.namespace = namespace;
        this.isRoot = false;
        this.tracked = trackWatchers ? java.util.concurrent.ConcurrentHashMap.newKeySet() : null;
        this.listenerWatcher = newListenerWatcher();
    }

    private Watcher newListenerWatcher() {
        CuratorFramework self = this;
        return new NamespaceWatcher(core, namespace, null, new ListenerPoster(self));
    }

    /** Posts watch events to CuratorListeners; one instance per view so repeated watched() calls collapse. */
    private final class ListenerPoster implements CuratorWatcher {
        private final CuratorFramework view;

        ListenerPoster(CuratorFramework view) {
            this.view = view;
        }

        @Override
        public void process(WatchedEvent event) {
            CuratorEvent e = CuratorEvent.builder(CuratorEventType.WATCHED, event.getPath(), null)
                    .watchedEvent(event).build();
            core.curatorListeners().forEach(l -> l.eventReceived(view, e));
        }
    }

    // ---- internals used by the builders ----

    public FrameworkCore core() { return core; }

    public Namespace namespaceInfo() { return namespace; }

    public Watcher wrap(Watcher w) {
        return w == null ? null : new NamespaceWatcher(core, namespace, w, null, tracked == null ? null : this::forgetFired);
    }

    public Watcher wrap(CuratorWatcher w) {
        return w == null ? null : new NamespaceWatcher(core, namespace, null, w, tracked == null ? null : this::forgetFired);
    }

    /** A tracked one-shot watcher fired: it is out of the client's tables, so stop remembering it. */
    private void forgetFired(NamespaceWatcher w) {
        tracked.removeIf(e -> e.getValue().equals(w)
                && !core.zk().watchManager().contains(e.getKey(), w, Watcher.WatcherType.Any));
    }

    public Watcher listenerWatcher() { return listenerWatcher; }

    /** Builders report each watcher they set (server path), so a watcher-removing view can drop it later. */
    public void noteWatcher(String fixedPath, Watcher wrapped) {
        if (tracked != null && wrapped != null) {
            tracked.add(java.util.Map.entry(fixedPath, wrapped));
        }
    }

    @Override
    public WatcherRemoveCuratorFramework newWatcherRemoveCuratorFramework() {
        return new CuratorFrameworkImpl(core, namespace, true);
    }

    @Override
    public void removeWatchers() {
        if (tracked == null) {
            return;
        }
        for (java.util.Map.Entry<String, Watcher> e : tracked) {
            tracked.remove(e);
            if (core.zk().watchManager().contains(e.getKey(), e.getValue(), Watcher.WatcherType.Any)) {
                core.zk().removeWatches(e.getKey(), e.getValue(), Watcher.WatcherType.Any, true);
            }
        }
    }

    // ---- life cycle ----

    @Override
    public void start() {
        if (!isRoot) {
            throw new UnsupportedOperationException("start the client, not its namespace view");
        }
        core.start();
    }

    @Override
    public void close() {
        if (!isRoot) {
            throw new UnsupportedOperationException("close the client, not its namespace view");
        }
        core.close();
    }

    @Override
    public CuratorFrameworkState getState() { return core.state(); }

    // ---- builders ----

    private void checkStarted() { core.checkStarted(); }

    @Override public CreateBuilder create() { checkStarted(); return new CreateBuilder(this); }
    @Override public DeleteBuilder delete() { checkStarted(); return new DeleteBuilder(this); }
    @Override public ExistsBuilder checkExists() { checkStarted(); return new ExistsBuilder(this); }
    @Override public GetDataBuilder getData() { checkStarted(); return new GetDataBuilder(this); }
    @Override public SetDataBuilder setData() { checkStarted(); return new SetDataBuilder(this); }
    @Override public GetChildrenBuilder getChildren() { checkStarted(); return new GetChildrenBuilder(this); }
    @Override public GetACLBuilder getACL() { checkStarted(); return new GetACLBuilder(this); }
    @Override public SetACLBuilder setACL() { checkStarted(); return new SetACLBuilder(this); }
    @Override public SyncBuilder sync() { checkStarted(); return new SyncBuilder(this); }
    @Override public CuratorMultiTransaction transaction() { checkStarted(); return new CuratorMultiTransaction(this); }
    @Override public TransactionOp transactionOp() { return new TransactionOp(this); }
    @Override public WatchesBuilder watchers() { checkStarted(); return new WatchesBuilder(this); }

    @Override
    public void createContainers(String path) throws Exception {
        checkStarted();
        String fixed = namespace.fix(path);
        FrameworkCore.await(core.retrying(n -> core.ensureNamespace(namespace)
                .thenCompose(v -> core.mkdirs(fixed, true, true))));
    }

    // ---- listeners and views ----

    @Override
    public Listenable<ConnectionStateListener> getConnectionStateListenable() { return core.stateManager().listeners(); }

    @Override
    public Listenable<CuratorListener> getCuratorListenable() { return core.curatorListeners(); }

    @Override
    public Listenable<UnhandledErrorListener> getUnhandledErrorListenable() { return core.errorListeners(); }

    @Override
    public CuratorFramework usingNamespace(String newNamespace) {
        return new CuratorFrameworkImpl(core, Namespace.of(newNamespace), false);
    }

    @Override
    public String getNamespace() { return namespace.name(); }

    @Override
    public CuratorZookeeperClient getZookeeperClient() { return core.handle(); }

    @Override
    public ConnectionStateErrorPolicy getConnectionStateErrorPolicy() { return core.errorPolicy(); }

    @Override
    public void blockUntilConnected() throws InterruptedException {
        while (!blockUntilConnected(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
            if (core.state() == CuratorFrameworkState.STOPPED) {
                throw new IllegalStateException("client is closed");
            }
        }
    }

    @Override
    public boolean blockUntilConnected(int maxWaitTime, TimeUnit units) throws InterruptedException {
        long ms = Math.max(0, units.toMillis(maxWaitTime));
        try {
            core.zk().awaitConnected(ms).get();
            return true;
        } catch (ExecutionException e) {
            return core.zk().isConnected();
        }
    }

    @Override
    public CompletableFuture<Void> runSafe(Runnable runnable) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        core.events().execute(() -> {
            try {
                runnable.run();
                f.complete(null);
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f;
    }

    @Override
    public AsyncCuratorFramework async() {
        return new AsyncCuratorFramework(this);
    }
}
