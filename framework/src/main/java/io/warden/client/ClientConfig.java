package io.warden.client;

import io.warden.znode.wire.JuteReader;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.LongSupplier;

/**
 * Immutable configuration of one {@link ZkClient}.
 *
 * @param connectString       hosts and optional chroot
 * @param sessionTimeout      requested session timeout (the server clamps it)
 * @param connectionTimeout   how long one connect attempt (TCP + handshake) may take at most
 * @param canBeReadOnly       accept read-only servers
 * @param maxOutstanding      requests in flight before further ones wait locally
 * @param maxBufferBytes      jute.maxbuffer: the largest frame sent or accepted
 * @param eventThreadFactory  makes the one event thread of the client (null: a daemon thread)
 * @param nanoClock           monotonic time in nanoseconds (System::nanoTime in production)
 */
public record ClientConfig(ConnectString connectString, Duration sessionTimeout, Duration connectionTimeout,
                           boolean canBeReadOnly, int maxOutstanding, int maxBufferBytes,
                           ThreadFactory eventThreadFactory, LongSupplier nanoClock) {
    public ClientConfig {
        Objects.requireNonNull(connectString, "connectString");
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(nanoClock, "nanoClock");
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalArgumentException("sessionTimeout must be positive: " + sessionTimeout);
        }
        if (connectionTimeout.isNegative() || connectionTimeout.isZero()) {
            throw new IllegalArgumentException("connectionTimeout must be positive: " + connectionTimeout);
        }
        if (maxOutstanding <= 0) {
            throw new IllegalArgumentException("maxOutstanding must be positive: " + maxOutstanding);
        }
        if (maxBufferBytes <= 0) {
            throw new IllegalArgumentException("maxBufferBytes must be positive: " + maxBufferBytes);
        }
    }

    /** Defaults: 1000 outstanding requests, jute.maxbuffer 0xfffff, a daemon event thread, System.nanoTime. */
    public static ClientConfig of(String connectString, Duration sessionTimeout, Duration connectionTimeout) {
        return new ClientConfig(ConnectString.parse(connectString), sessionTimeout, connectionTimeout, false,
                1000, JuteReader.DEFAULT_MAX_BUFFER, null, System::nanoTime);
    }

    public ClientConfig withCanBeReadOnly(boolean readOnly) {
        return new ClientConfig(connectString, sessionTimeout, connectionTimeout, readOnly, maxOutstanding,
                maxBufferBytes, eventThreadFactory, nanoClock);
    }

    public ClientConfig withEventThreadFactory(ThreadFactory factory) {
        return new ClientConfig(connectString, sessionTimeout, connectionTimeout, canBeReadOnly, maxOutstanding,
                maxBufferBytes, factory, nanoClock);
    }

    public ClientConfig withMaxOutstanding(int max) {
        return new ClientConfig(connectString, sessionTimeout, connectionTimeout, canBeReadOnly, max,
                maxBufferBytes, eventThreadFactory, nanoClock);
    }

    public ClientConfig withMaxBufferBytes(int max) {
        return new ClientConfig(connectString, sessionTimeout, connectionTimeout, canBeReadOnly, maxOutstanding,
                max, eventThreadFactory, nanoClock);
    }
}
