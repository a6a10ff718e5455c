package io.warden.server.admin;

/**
 * What only a leader reports (mntr and srvr). Proposal sizes are in bytes, -1 before the first proposal.
 *
 * @param learners                  connected followers and observers
 * @param syncedFollowers           followers in sync (voting)
 * @param syncedNonVotingFollowers  non-voting followers in sync
 * @param syncedObservers           observers in sync
 * @param pendingSyncs              sync requests waiting for a commit
 * @param lastProposalSize          size of the last proposal
 * @param minProposalSize           smallest proposal
 * @param maxProposalSize           largest proposal
 */
public record LeaderStats(int learners, int syncedFollowers, int syncedNonVotingFollowers, int syncedObservers,
                          int pendingSyncs, long lastProposalSize, long minProposalSize, long maxProposalSize) {
}
