package io.warden.retry;

import io.warden.znode.KeeperException;

/**
 * Decides whether a failed operation is tried again, and how long to wait first.
 * Implementations must be thread-safe: one policy serves every operation of a client.
 */
public interface RetryPolicy {

    /**
     * Called after an operation failed with a retryable error.
     *
     * @param retryCount    how many retries were made so far (0 on the first failure)
     * @param elapsedTimeMs time since the first attempt
     * @param sleeper       how to wait before the next attempt
     * @return true to try again (after sleeping through {@code sleeper})
     */
    boolean allowRetry(int retryCount, long elapsedTimeMs, RetrySleeper sleeper);

    /**
     * Whether {@code exception} may be retried at all. The default: connection loss, operation
     * timeout, session moved and session expired; never application errors such as NODEEXISTS or BADVERSION.
     */
    default boolean allowRetry(Throwable exception) {
        return exception instanceof KeeperException ke && isRetryable(ke.code());
    }

    /** The codes the default {@link #allowRetry(Throwable)} retries. */
    static boolean isRetryable(KeeperException.Code code) {
        return code == KeeperException.Code.CONNECTIONLOSS || code == KeeperException.Code.OPERATIONTIMEOUT
                || code == KeeperException.Code.SESSIONMOVED || code == KeeperException.Code.SESSIONEXPIRED;
    }
}
