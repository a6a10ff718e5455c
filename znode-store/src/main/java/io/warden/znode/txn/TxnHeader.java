package io.warden.znode.txn;

/**
 * Who asked for a txn and when it was ordered: the client session and its cxid, the zxid the leader
 * assigned, and the leader's wall-clock time (ctime/mtime of the nodes it touches).
 */
public record TxnHeader(long sessionId, int cxid, long zxid, long timeMs) {}
