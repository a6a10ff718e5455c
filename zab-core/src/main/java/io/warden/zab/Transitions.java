package io.warden.zab;

/** How a role hands the peer over to the next one. */
interface Transitions {
    void lookForLeader(String reason);

    void lead();

    void learnFrom(long leader);
}
