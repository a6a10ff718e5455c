package io.warden.framework;

import io.warden.framework.api.CreateBuilder;
import io.warden.framework.api.CuratorListener;
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

import java.io.Closeable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Curator-style client. Build one with {@link CuratorFrameworkFactory}, {@link #start()} it,
 * and use the fluent builders, e.g.
 * {@code client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath("/a", data)}.
 *
 * <p>Threading: thread-safe. Foreground {@code forPath} calls block the caller until the operation
 * (with retries) finishes; they may be called from watchers and callbacks. Background callbacks,
 * watchers and listeners run on the client's single event thread (or a supplied executor), in
 * order, never on an I/O thread. Paths are relative to the namespace, if any.
 */
public interface CuratorFramework extends Closeable {

    /** Starts connecting. Operations before start throw IllegalStateException. */
    void start();

    /** Closes the session and stops the client. Operations after close throw IllegalStateException. */
    @Override
    void close();

    CuratorFrameworkState getState();

    /** @deprecated use {@link #getState()} */
    @Deprecated
    default boolean isStarted() {
        return getState() == CuratorFrameworkState.STARTED;
    }

    CreateBuilder create();

    DeleteBuilder delete();

    ExistsBuilder checkExists();

    GetDataBuilder getData();

    SetDataBuilder setData();

    GetChildrenBuilder getChildren();

    GetACLBuilder getACL();

    SetACLBuilder setACL();

    SyncBuilder sync();

    /** An atomic multi-operation: {@code transaction().forOperations(op1, op2)}. */
    CuratorMultiTransaction transaction();

    /** Builds the operations for {@link #transaction()}. */
    TransactionOp transactionOp();

    /** Persistent / recursive watches and watch removal. */
    WatchesBuilder watchers();

    /** Same as {@link #watchers()} (the older Curator 5 name). */
    default WatchesBuilder watches() {
        return watchers();
    }

    /** Creates {@code path} and its parents as container nodes if missing. */
    void createContainers(String path) throws Exception;

    Listenable<ConnectionStateListener> getConnectionStateListenable();

    Listenable<CuratorListener> getCuratorListenable();

    Listenable<UnhandledErrorListener> getUnhandledErrorListenable();

    /** A view of this client in another namespace (null: none). It shares the connection; do not start or close it. */
    CuratorFramework usingNamespace(String newNamespace);

    /** A view that tracks the watchers set through it, for {@link WatcherRemoveCuratorFramework#removeWatchers()}. */
    WatcherRemoveCuratorFramework newWatcherRemoveCuratorFramework();

    /** The namespace, or "" for none. */
    String getNamespace();

    CuratorZookeeperClient getZookeeperClient();

    ConnectionStateErrorPolicy getConnectionStateErrorPolicy();

    /** Blocks until connected (CONNECTED, RECONNECTED or READ_ONLY). */
    void blockUntilConnected() throws InterruptedException;

    /** @return true if connected within the time, false on timeout */
    boolean blockUntilConnected(int maxWaitTime, TimeUnit units) throws InterruptedException;

    /** Runs {@code runnable} on the client's event thread, in order with events and callbacks. */
    CompletableFuture<Void> runSafe(Runnable runnable);

    /**
     * Calls {@code monitor.notifyAll()} (holding its lock) on the event thread, after every event queued
     * before it: recipes wake their waiters without racing the events that caused the wake-up.
     */
    default CompletableFuture<Void> postSafeNotify(Object monitor) {
        return runSafe(() -> {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        });
    }

    /** A CompletionStage-based view of this client (Warden extension, like curator-x-async). */
    AsyncCuratorFramework async();
}
