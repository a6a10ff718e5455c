package io.warden.zab;

import io.warden.zab.message.ZabMessage;

/** What a peer does in one role. Each role object lives for one term of that role. */
interface RoleBehavior {
    Role role();

    /** The leader this peer is with, or -1. */
    long leader();

    void tick();

    void step(long from, ZabMessage message);

    /** Called after the driver reported more of the log durable. */
    void persistedAdvanced();
}
