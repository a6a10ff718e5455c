package io.warden.framework;

import io.warden.retry.RetryPolicy;
import io.warden.retry.RetrySleeper;

import java.util.concurrent.Callable;

/**
 * Runs a blocking call with the client's retry policy: waits for a connection before each
 * attempt, retries what the policy allows, rethrows everything else. Blocks the caller.
 */
public final class RetryLoop {
    private RetryLoop() {}

    public static <T> T callWithRetry(CuratorZookeeperClient client, Callable<T> proc) throws Exception {
        RetryPolicy policy = client.getRetryPolicy();
        long start = System.nanoTime();
        for (int count = 0; ; count++) {
            try {
                client.blockUntilConnectedOrTimedOut();
                return proc.call();
            } catch (Exception e) {
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                if (!policy.allowRetry(e) || !policy.allowRetry(count, elapsedMs, RetrySleeper.BLOCKING)) {
                    throw e;
                }
            }
        }
    }
}
