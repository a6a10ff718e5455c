package io.warden.zab.message;

import io.warden.zab.Role;
import io.warden.zab.election.Vote;

/**
 * Fast leader election notification: the sender's current vote, its election round and its state.
 * A sender that is FOLLOWING or LEADING reports the leader it is with, so a joiner learns it at once.
 */
public record Notification(Vote vote, long round, Role state) implements ZabMessage {
}
