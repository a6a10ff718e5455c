package io.warden.retry;

/** Retries once, after a fixed sleep. */
public class RetryOneTime extends RetryNTimes {
    public RetryOneTime(int sleepMsBetweenRetry) {
        super(1, sleepMsBetweenRetry);
    }
}
