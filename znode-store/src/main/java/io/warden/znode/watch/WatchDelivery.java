package io.warden.znode.watch;

import io.warden.znode.WatchedEvent;

/** One notification to send: the server queues {@code event} on {@code sink}'s connection. */
public record WatchDelivery(WatchSink sink, WatchedEvent event) {}
