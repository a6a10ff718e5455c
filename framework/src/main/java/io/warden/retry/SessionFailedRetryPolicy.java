package io.warden.retry;

import io.warden.znode.KeeperException;

/** Wraps a policy but never retries after the session expired. */
public class SessionFailedRetryPolicy implements RetryPolicy {
    private final RetryPolicy delegate;

    public SessionFailedRetryPolicy(RetryPolicy delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean allowRetry(int retryCount, long elapsedTimeMs, RetrySleeper sleeper) {
        return delegate.allowRetry(retryCount, elapsedTimeMs, sleeper);
    }

    @Override
    public boolean allowRetry(Throwable exception) {
        if (exception instanceof KeeperException.SessionExpiredException) {
            return false;
        }
        return delegate.allowRetry(exception);
    }
}
