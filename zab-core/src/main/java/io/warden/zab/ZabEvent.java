package io.warden.zab;

/** Notable state changes, for drivers (client handling, four-letter words) and checkers. */
public sealed interface ZabEvent {
    /** The peer changed role; {@code leader} is -1 while LOOKING. */
    record RoleChanged(Role role, long leader, String reason) implements ZabEvent {
    }

    /**
     * A quorum acknowledged NEWLEADER: the leader of {@code epoch} is established and its initial
     * history, ending at {@code historyEnd}, is committed.
     */
    record LeaderEstablished(long epoch, long historyEnd) implements ZabEvent {
    }

    /** How a learner was brought level with its leader. */
    enum SyncKind { DIFF, TRUNC, SNAP }

    /** A learner took its leader's sync stream ({@code kind}); its log now ends at {@code lastZxid}. */
    record Synchronized(long leader, SyncKind kind, long lastZxid) implements ZabEvent {
    }
}
