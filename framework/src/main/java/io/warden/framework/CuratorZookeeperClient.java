package io.warden.framework;

import io.warden.client.ZkClient;
import io.warden.retry.RetryPolicy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The low-level handle under a {@link CuratorFramework}: the protocol client, its retry policy and
 * connection timeout. {@link #getZooKeeper()} returns the same {@link ZkClient} for the client's
 * whole life; the client renews its session itself after an expiry.
 */
public final class CuratorZookeeperClient {
    private final ZkClient zk;
    private final RetryPolicy retryPolicy;
    private final int connectionTimeoutMs;
    private final String connectString;

    public CuratorZookeeperClient(ZkClient zk, RetryPolicy retryPolicy, int connectionTimeoutMs, String connectString) {
        this.zk = zk;
        this.retryPolicy = retryPolicy;
        this.connectionTimeoutMs = connectionTimeoutMs;
        this.connectString = connectString;
    }

    public ZkClient getZooKeeper() { return zk; }
    public RetryPolicy getRetryPolicy() { return retryPolicy; }
    public int getConnectionTimeoutMs() { return connectionTimeoutMs; }
    public String getCurrentConnectionString() { return connectString; }
    public boolean isConnected() { return zk.isConnected(); }
    /** The session timeout the server granted, 0 before the first connection. */
    public int getLastNegotiatedSessionTimeoutMs() { return zk.getSessionTimeout(); }

    /** Blocks up to the connection timeout; returns whether the client is connected. */
    public boolean blockUntilConnectedOrTimedOut() throws InterruptedException {
        try {
            zk.awaitConnected(connectionTimeoutMs).get(connectionTimeoutMs + 1000L, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return zk.isConnected();
        }
    }
}
