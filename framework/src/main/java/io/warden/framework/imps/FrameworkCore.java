package io.warden.framework.imps;

import io.netty.channel.EventLoop;
import io.warden.client.ClientConfig;
import io.warden.client.ConnectString;
import io.warden.client.NettyResources;
import io.warden.client.ZkClient;
import io.warden.framework.AuthInfo;
import io.warden.framework.CuratorFramework;
import io.warden.framework.CuratorFrameworkFactory;
import io.warden.framework.CuratorFrameworkState;
import io.warden.framework.CuratorZookeeperClient;
import io.warden.framework.api.ACLProvider;
import io.warden.framework.api.CompressionProvider;
import io.warden.framework.api.CuratorEvent;
import io.warden.framework.api.CuratorEventType;
import io.warden.framework.api.CuratorListener;
import io.warden.framework.api.UnhandledErrorListener;
import io.warden.framework.listen.StandardListenerManager;
import io.warden.framework.state.ConnectionState;
import io.warden.framework.state.ConnectionStateErrorPolicy;
import io.warden.retry.RetryPolicy;
import io.warden.znode.ACL;
import io.warden.znode.CreateMode;
import io.warden.znode.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * What every namespace view of one client shares: the protocol client, settings, listeners, the
 * retry engine and the guaranteed-delete queue. Internal to the framework; its methods are public
 * only so the builders in {@code io.warden.framework.api} can reach them.
 */
public final class FrameworkCore {
    private static final Logger LOG = LoggerFactory.getLogger(FrameworkCore.class);

    private final ZkClient zk;
    private final CuratorZookeeperClient handle;
    private final RetryPolicy retryPolicy;
    private final int connectionTimeoutMs;
    private final int maxCloseWaitMs;
    private final int waitForShutdownTimeoutMs;
    private final ACLProvider aclProvider;
    private final CompressionProvider compressionProvider;
    private final boolean compressionEnabled;
    private final byte[] defaultData;
    private final List<AuthInfo> authInfos;
    private final ConnectionStateErrorPolicy errorPolicy;
    private final AtomicReference<CuratorFrameworkState> state = new AtomicReference<>(CuratorFrameworkState.LATENT);
    private final StandardListenerManager<CuratorListener> curatorListeners;
    private final StandardListenerManager<UnhandledErrorListener> errorListeners;
    private final EventLoop scheduler = NettyResources.sharedGroup().next();
    private final Map<String, CompletableFuture<Void>> ensuredNamespaces = new ConcurrentHashMap<>();
    private final Set<String> failedDeletes = ConcurrentHashMap.newKeySet();
    private ConnectionStateManager stateManager;
    private CuratorFramework root;

    FrameworkCore(CuratorFrameworkFactory.Builder b) {
        ClientConfig config = new ClientConfig(ConnectString.parse(b.getConnectString()),
                Duration.ofMillis(b.getSessionTimeoutMs()), Duration.ofMillis(b.getConnectionTimeoutMs()),
                b.canBeReadOnly(), b.getMaxOutstandingRequests(), io.warden.znode.wire.JuteReader.DEFAULT_MAX_BUFFER,
                b.getThreadFactory(), System::nanoTime);
        this.zk = new ZkClient(config, null);
        this.retryPolicy = b.getRetryPolicy();
        this.connectionTimeoutMs = b.getConnectionTimeoutMs();
        this.maxCloseWaitMs = b.getMaxCloseWaitMs();
        this.waitForShutdownTimeoutMs = b.getWaitForShutdownTimeoutMs();
        this.aclProvider = b.getAclProvider();
        this.compressionProvider = b.getCompressionProvider();
        this.compressionEnabled = b.compressionEnabled();
        this.defaultData = b.getDefaultData();
        this.authInfos = b.getAuthInfos();
        this.errorPolicy = b.getConnectionStateErrorPolicy();
        this.handle = new CuratorZookeeperClient(zk, retryPolicy, connectionTimeoutMs, b.getConnectString());
        this.errorListeners = new StandardListenerManager<>(zk.eventDispatcher(),
                (m, e) -> LOG.error("unhandled-error listener failed: {}", m, e));
        this.curatorListeners = new StandardListenerManager<>(zk.eventDispatcher(), this::logError);
    }

    void bind(CuratorFramework rootClient) {
        this.root = rootClient;
        this.stateManager = new ConnectionStateManager(rootClient, zk.eventDispatcher(), this::logError, this::onState);
    }

    // ---- accessors ----

    public ZkClient zk() { return zk; }
    public CuratorZookeeperClient handle() { return handle; }
    public ACLProvider aclProvider() { return aclProvider; }
    public CompressionProvider compressionProvider() { return compressionProvider; }
    public boolean compressionEnabled() { return compressionEnabled; }
    public byte[] defaultData() { return defaultData == null ? null : defaultData.clone(); }
    public Executor events() { return zk.eventDispatcher(); }
    public CuratorFrameworkState state() { return state.get(); }
    public ConnectionStateErrorPolicy errorPolicy() { return errorPolicy; }
    public StandardListenerManager<CuratorListener> curatorListeners() { return curatorListeners; }
    public StandardListenerManager<UnhandledErrorListener> errorListeners() { return errorListeners; }
    ConnectionStateManager stateManager() { return stateManager; }

    public List<ACL> aclFor(String fixedPath) {
        List<ACL> acl = aclProvider.getAclForPath(fixedPath);
        return acl == null || acl.isEmpty() ? aclProvider.getDefaultAcl() : acl;
    }

    // ---- life cycle ----

    void start() {
        if (!state.compareAndSet(CuratorFrameworkState.LATENT, CuratorFrameworkState.STARTED)) {
            throw new IllegalStateException("Cannot be started more than once");
        }
        zk.addSessionListener(stateManager);
        for (AuthInfo a : authInfos) {
            zk.addAuthInfo(a.scheme(), a.auth());
        }
        zk.start();
    }

    void close() {
        if (!state.compareAndSet(CuratorFrameworkState.STARTED, CuratorFrameworkState.STOPPED)) {
            state.set(CuratorFrameworkState.STOPPED);
            return;
        }
        CuratorEvent closing = CuratorEvent.builder(CuratorEventType.CLOSING, null, null).build();
        curatorListeners.forEach(l -> l.eventReceived(root, closing));
        zk.close(Math.max(maxCloseWaitMs, waitForShutdownTimeoutMs));
        curatorListeners.clear();
        stateManager.listeners().clear();
    }

    /** @throws IllegalStateException unless started and not closed */
    public void checkStarted() {
        CuratorFrameworkState s = state.get();
        if (s != CuratorFrameworkState.STARTED) {
            throw new IllegalStateException("Expected state [STARTED] was [" + s + "]");
        }
    }

    /** Reports an error nobody else handles: to the unhandled-error listeners, or the log. */
    public void logError(String message, Throwable e) {
        if (errorListeners.size() == 0) {
            LOG.error(message, e);
        } else {
            errorListeners.forEach(l -> l.unhandledError(message, e));
        }
    }

    private void onState(ConnectionState s) {
        if (s == ConnectionState.CONNECTED || s == ConnectionState.RECONNECTED) {
            failedDeletes.forEach(this::retryFailedDelete);
        }
    }

    // ---- the retry engine ----

    /**
     * Runs {@code attempt} (given the attempt number, 0-based) after waiting for a connection, and
     * again while the policy allows for retryable failures. Never blocks: sleeps are scheduled.
     */
    public <T> CompletableFuture<T> retrying(IntFunction<CompletableFuture<T>> attempt) {
        RetryingCall<T> call = new RetryingCall<>(attempt);
        call.run();
        return call.result;
    }

    /** One call under the retry policy: the result and the attempt bookkeeping in one object. */
    private final class RetryingCall<T> implements BiConsumer<T, Throwable>, Runnable {
        final CompletableFuture<T> result = new CompletableFuture<>();
        final IntFunction<CompletableFuture<T>> attempt;
        final long startNanos = System.nanoTime();
        int n;

        RetryingCall(IntFunction<CompletableFuture<T>> attempt) {
            this.attempt = attempt;
        }

        /** Starts attempt {@code n}. */
        @Override
        public void run() {
            CompletableFuture<T> f;
            try {
                f = zk.isConnected() ? attempt.apply(n)
                        : zk.awaitConnected(connectionTimeoutMs).thenCompose(v -> attempt.apply(n));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            f.whenComplete(this);
        }

        /** An attempt ended. */
        @Override
        public void accept(T v, Throwable e) {
            if (e == null) {
                result.complete(v);
                return;
            }
            Throwable cause = unwrap(e);
            long[] delayMs = {0};
            long elapsedMs = (System.nanoTime() - startNanos) / 1_000_000;
            boolean retry = state.get() == CuratorFrameworkState.STARTED && retryPolicy.allowRetry(cause)
                    && retryPolicy.allowRetry(n, elapsedMs, (t, u) -> delayMs[0] = u.toMillis(t));
            if (retry) {
                n++;
                scheduler.schedule(this, delayMs[0], TimeUnit.MILLISECONDS);
            } else {
                result.completeExceptionally(cause);
            }
        }
    }

    public static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** Blocks for a foreground operation and rethrows its own exception (KeeperException, IllegalArgumentException, ...). */
    public static <T> T await(CompletableFuture<T> f) throws Exception {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable c = unwrap(e);
            if (c instanceof Exception ex) {
                throw ex;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    // ---- namespace and parents ----

    /**
     * Runs {@code op} once the namespace node exists: at once when there is no namespace or it was
     * already made (the common case, no extra stage), else after {@link #ensureNamespace}.
     */
    public <T> CompletableFuture<T> inNamespace(Namespace ns, Supplier<CompletableFuture<T>> op) {
        if (ns.isEmpty()) {
            return op.get();
        }
        CompletableFuture<Void> made = ensuredNamespaces.get(ns.name());
        if (made != null && made.isDone() && !made.isCompletedExceptionally()) {
            return op.get();
        }
        return ensureNamespace(ns).thenCompose(v -> op.get());
    }

    /** Creates the namespace node (as a container) once, before the first operation in it. */
    public CompletableFuture<Void> ensureNamespace(Namespace ns) {
        if (ns.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> f = ensuredNamespaces.computeIfAbsent(ns.name(), n -> mkdirs(ns.root(), true, true));
        f.whenComplete((v, e) -> {
            if (e != null) {
                ensuredNamespaces.remove(ns.name(), f);
            }
        });
        return f;
    }

    /**
     * Creates every missing ancestor of {@code fixedPath} (and the node itself when {@code makeLast}),
     * as containers or persistent nodes with the ACL provider's ACLs. Existing nodes are left alone.
     */
    public CompletableFuture<Void> mkdirs(String fixedPath, boolean makeLast, boolean asContainers) {
        List<String> prefixes = new java.util.ArrayList<>();
        int idx = 0;
        while ((idx = fixedPath.indexOf('/', idx + 1)) > 0) {
            prefixes.add(fixedPath.substring(0, idx));
        }
        if (makeLast && !fixedPath.equals("/")) {
            prefixes.add(fixedPath);
        }
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String p : prefixes) {
            chain = chain.thenCompose(v -> ensureNode(p, asContainers));
        }
        return chain;
    }

    private CompletableFuture<Void> ensureNode(String p, boolean asContainer) {
        return zk.exists(p, null).thenCompose(stat -> {
            if (stat != null) {
                return CompletableFuture.completedFuture(null);
            }
            return zk.create(p, new byte[0], aclFor(p), asContainer ? CreateMode.CONTAINER : CreateMode.PERSISTENT, -1)
                    .handle((c, e) -> {
                        Throwable cause = e == null ? null : unwrap(e);
                        if (cause != null && !(cause instanceof KeeperException.NodeExistsException)) {
                            throw new CompletionException(cause);
                        }
                        return null;
                    });
        });
    }

    // ---- guaranteed deletes ----

    /** Remembers a delete that failed for connection reasons; retried now and after each reconnect. */
    public void addFailedDelete(String fixedPath) {
        if (failedDeletes.add(fixedPath)) {
            retryFailedDelete(fixedPath);
        }
    }

    /** For tests and diagnostics: paths whose guaranteed delete has not succeeded yet. */
    public Set<String> pendingGuaranteedDeletes() {
        return Set.copyOf(failedDeletes);
    }

    private void retryFailedDelete(String fixedPath) {
        if (state.get() != CuratorFrameworkState.STARTED) {
            return;
        }
        retrying(n -> zk.delete(fixedPath, -1)).whenComplete((v, e) -> {
            Throwable c = e == null ? null : unwrap(e);
            if (c == null || c instanceof KeeperException.NoNodeException) {
                failedDeletes.remove(fixedPath);
            } else if (!(c instanceof KeeperException ke && RetryPolicy.isRetryable(ke.code()))) {
                failedDeletes.remove(fixedPath);
                logError("guaranteed delete of " + fixedPath + " failed", c);
            }
        });
    }
}
