package io.warden.framework;

import io.warden.framework.api.ACLProvider;
import io.warden.framework.api.CompressionProvider;
import io.warden.framework.imps.CuratorFrameworkImpl;
import io.warden.framework.imps.DefaultACLProvider;
import io.warden.framework.imps.GzipCompressionProvider;
import io.warden.framework.state.ConnectionStateErrorPolicy;
import io.warden.framework.state.StandardConnectionStateErrorPolicy;
import io.warden.retry.RetryPolicy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/** Creates {@link CuratorFramework} clients. */
public final class CuratorFrameworkFactory {
    private CuratorFrameworkFactory() {}

    private static final int DEFAULT_SESSION_TIMEOUT_MS = 60_000;
    private static final int DEFAULT_CONNECTION_TIMEOUT_MS = 15_000;

    public static Builder builder() {
        return new Builder();
    }

    /** A client with default timeouts (session 60 s, connection 15 s). */
    public static CuratorFramework newClient(String connectString, RetryPolicy retryPolicy) {
        return newClient(connectString, DEFAULT_SESSION_TIMEOUT_MS, DEFAULT_CONNECTION_TIMEOUT_MS, retryPolicy);
    }

    public static CuratorFramework newClient(String connectString, int sessionTimeoutMs, int connectionTimeoutMs,
                                             RetryPolicy retryPolicy) {
        return builder().connectString(connectString).sessionTimeoutMs(sessionTimeoutMs)
                .connectionTimeoutMs(connectionTimeoutMs).retryPolicy(retryPolicy).build();
    }

    /** Bytes of this host's address: the data of nodes created without data, as in Curator. */
    static byte[] localAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress().getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            return new byte[0];
        }
    }

    /** The settings of one client. Not thread-safe; {@link #build()} copies what it needs. */
    public static final class Builder {
        private String connectString;
        private int sessionTimeoutMs = DEFAULT_SESSION_TIMEOUT_MS;
        private int connectionTimeoutMs = DEFAULT_CONNECTION_TIMEOUT_MS;
        private int maxCloseWaitMs = 1000;
        private int waitForShutdownTimeoutMs = 0;
        private RetryPolicy retryPolicy;
        private String namespace;
        private final List<AuthInfo> authInfos = new ArrayList<>();
        private ACLProvider aclProvider = new DefaultACLProvider();
        private CompressionProvider compressionProvider = new GzipCompressionProvider();
        private boolean compressionEnabled;
        private boolean canBeReadOnly;
        private byte[] defaultData = localAddress();
        private ThreadFactory threadFactory;
        private ConnectionStateErrorPolicy connectionStateErrorPolicy = new StandardConnectionStateErrorPolicy();
        private int maxOutstandingRequests = 1000;

        private Builder() {}

        public CuratorFramework build() {
            Objects.requireNonNull(connectString, "connectString is required");
            Objects.requireNonNull(retryPolicy, "retryPolicy is required");
            return new CuratorFrameworkImpl(this);
        }

        public Builder connectString(String connectString) { this.connectString = connectString; return this; }
        public Builder sessionTimeoutMs(int ms) { this.sessionTimeoutMs = ms; return this; }
        public Builder connectionTimeoutMs(int ms) { this.connectionTimeoutMs = ms; return this; }
        public Builder maxCloseWaitMs(int ms) { this.maxCloseWaitMs = ms; return this; }
        /** How long close() waits for the event thread to finish queued events (0: do not wait). */
        public Builder waitForShutdownTimeoutMs(int ms) { this.waitForShutdownTimeoutMs = ms; return this; }
        public Builder retryPolicy(RetryPolicy policy) { this.retryPolicy = policy; return this; }
        /** Every path is relative to {@code /namespace}; the namespace node is created on first use. */
        public Builder namespace(String namespace) { this.namespace = namespace; return this; }

        public Builder authorization(String scheme, byte[] auth) {
            authInfos.add(new AuthInfo(scheme, auth.clone()));
            return this;
        }

        public Builder authorization(List<AuthInfo> infos) {
            authInfos.addAll(infos);
            return this;
        }

        public Builder aclProvider(ACLProvider provider) { this.aclProvider = provider; return this; }
        public Builder compressionProvider(CompressionProvider p) { this.compressionProvider = p; return this; }
        /** Compress every write and decompress every read, as if each builder said compressed()/decompressed(). */
        public Builder enableCompression() { this.compressionEnabled = true; return this; }
        public Builder canBeReadOnly(boolean canBeReadOnly) { this.canBeReadOnly = canBeReadOnly; return this; }
        public Builder defaultData(byte[] data) { this.defaultData = data == null ? null : data.clone(); return this; }
        public Builder threadFactory(ThreadFactory factory) { this.threadFactory = factory; return this; }
        public Builder connectionStateErrorPolicy(ConnectionStateErrorPolicy p) { this.connectionStateErrorPolicy = p; return this; }
        /** Requests in flight on the connection before further ones wait locally (default 1000). */
        public Builder maxOutstandingRequests(int max) { this.maxOutstandingRequests = max; return this; }

        public String getConnectString() { return connectString; }
        public int getSessionTimeoutMs() { return sessionTimeoutMs; }
        public int getConnectionTimeoutMs() { return connectionTimeoutMs; }
        public int getMaxCloseWaitMs() { return maxCloseWaitMs; }
        public int getWaitForShutdownTimeoutMs() { return waitForShutdownTimeoutMs; }
        public RetryPolicy getRetryPolicy() { return retryPolicy; }
        public String getNamespace() { return namespace; }
        public List<AuthInfo> getAuthInfos() { return List.copyOf(authInfos); }
        public ACLProvider getAclProvider() { return aclProvider; }
        public CompressionProvider getCompressionProvider() { return compressionProvider; }
        public boolean compressionEnabled() { return compressionEnabled; }
        public boolean canBeReadOnly() { return canBeReadOnly; }
        public byte[] getDefaultData() { return defaultData == null ? null : defaultData.clone(); }
        public ThreadFactory getThreadFactory() { return threadFactory; }
        public ConnectionStateErrorPolicy getConnectionStateErrorPolicy() { return connectionStateErrorPolicy; }
        public int getMaxOutstandingRequests() { return maxOutstandingRequests; }
    }
}
