package io.warden.znode.tree;

import io.warden.znode.watch.WatchDelivery;

import java.util.List;

/**
 * The outcome of applying one txn: the reply for the session that asked for it (if it is connected
 * here) and the notifications to queue, which must go out before that reply.
 */
public record ApplyResult(Reply reply, List<WatchDelivery> deliveries) {}
