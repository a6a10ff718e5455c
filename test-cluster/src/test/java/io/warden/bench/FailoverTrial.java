package io.warden.bench;

/**
 * One leader kill. Times are milliseconds from the SIGKILL; NaN when it did not happen before the
 * trial's timeout.
 *
 * @param trial            1-based
 * @param killed           the killed leader's server id
 * @param newLeaderMs      until a surviving member's {@code srvr} said leader (polled every ~10 ms)
 * @param firstWriteMs     until the first acknowledged write issued after the kill, over all sessions
 * @param allSessionsMs    until every writing session had such an acknowledged write
 * @param failedOps        writes that failed during the trial (connection loss, session expired, ...)
 * @param expiredSessions  sessions found expired and replaced by new ones during the trial
 * @param recycledSessions sessions dropped for new ones because they stopped answering
 * @param ok               writes acknowledged during the trial
 */
record FailoverTrial(int trial, int killed, double newLeaderMs, double firstWriteMs, double allSessionsMs,
                     long failedOps, int expiredSessions, int recycledSessions, long ok) {
}
