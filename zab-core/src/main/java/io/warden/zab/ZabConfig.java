package io.warden.zab;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Static configuration of one peer. All durations are in ticks; the driver decides how long a tick is.
 *
 * @param myId                    this peer's server id
 * @param voters                  ids of the voting members (participants)
 * @param observers               ids of the observers; they receive INFORM and never vote
 * @param initLimit               ticks allowed for discovery and synchronization
 * @param syncLimit               ticks a leader may go without hearing a quorum, and a learner its leader
 * @param electionSettleTicks     ticks to wait for late notifications once a quorum agrees on a vote
 * @param notificationResendTicks ticks between re-broadcasts of our vote while LOOKING
 * @param pingTicks               ticks between leader PINGs
 */
public record ZabConfig(long myId, SortedSet<Long> voters, SortedSet<Long> observers, int initLimit,
                        int syncLimit, int electionSettleTicks, int notificationResendTicks, int pingTicks) {
    public ZabConfig {
        voters = Collections.unmodifiableSortedSet(new TreeSet<>(voters));
        observers = Collections.unmodifiableSortedSet(new TreeSet<>(observers));
        if (voters.isEmpty()) {
            throw new IllegalArgumentException("at least one voter is required");
        }
        if (!Collections.disjoint(voters, observers)) {
            throw new IllegalArgumentException("a server cannot be both voter and observer");
        }
        if (!voters.contains(myId) && !observers.contains(myId)) {
            throw new IllegalArgumentException("myId " + myId + " is not in the ensemble");
        }
        if (initLimit < 1 || syncLimit < 1 || electionSettleTicks < 0 || notificationResendTicks < 1
                || pingTicks < 1) {
            throw new IllegalArgumentException("tick limits must be positive");
        }
    }

    /** Defaults in the spirit of zoo.cfg (initLimit=10, syncLimit=5). */
    public static ZabConfig of(long myId, SortedSet<Long> voters, SortedSet<Long> observers) {
        return new ZabConfig(myId, voters, observers, 10, 5, 2, 4, 1);
    }

    public int quorumSize() {
        return voters.size() / 2 + 1;
    }

    public boolean isVoter(long id) {
        return voters.contains(id);
    }

    public boolean isObserver(long id) {
        return observers.contains(id);
    }

    public boolean iAmObserver() {
        return observers.contains(myId);
    }

    /** Every other member of the ensemble, voters first. */
    public SortedSet<Long> others() {
        TreeSet<Long> all = new TreeSet<>(voters);
        all.addAll(observers);
        all.remove(myId);
        return all;
    }
}
