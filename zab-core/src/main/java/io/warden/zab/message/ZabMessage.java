package io.warden.zab.message;

/**
 * Every message peers exchange: election notifications on the election port, and the messages of
 * discovery, synchronization and broadcast on the quorum port. Records, immutable, no I/O.
 */
public sealed interface ZabMessage permits Notification, QuorumMessage {
}
