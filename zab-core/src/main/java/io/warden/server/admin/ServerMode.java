package io.warden.server.admin;

/** The server state as 4lw output spells it ({@code Mode:} in srvr, {@code zk_server_state} in mntr). */
public enum ServerMode {
    STANDALONE("standalone"),
    LEADER("leader"),
    FOLLOWER("follower"),
    OBSERVER("observer"),
    READ_ONLY("read-only");

    private final String text;

    ServerMode(String text) {
        this.text = text;
    }

    /** The spelling ZooKeeper uses, e.g. {@code "standalone"}. */
    public String text() {
        return text;
    }
}
