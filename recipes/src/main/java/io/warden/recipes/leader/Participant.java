package io.warden.recipes.leader;

/** One contender of an election: its id and whether it currently leads. */
public record Participant(String id, boolean isLeader) {
    public String getId() { return id; }

    public boolean isLeader() { return isLeader; }

    /** A placeholder when there is no leader: empty id, not leader (as in Curator). */
    public static Participant none() {
        return new Participant("", false);
    }
}
