package io.warden.recipes.leader;

/** Told when a {@link LeaderLatch} gains or loses leadership; called on the latch's executor, in order. */
public interface LeaderLatchListener {
    void isLeader();

    void notLeader();
}
