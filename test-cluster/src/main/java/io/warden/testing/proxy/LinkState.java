package io.warden.testing.proxy;

/** What a {@link TcpProxy} does with the traffic of its link. */
public enum LinkState {
    /** Bytes flow both ways, new connections reach the target. */
    FORWARD,
    /**
     * A network partition: open connections are closed once, new connections are accepted but never
     * reach the target, and whatever they send is discarded. Healing closes those black-holed
     * connections, so a stream never continues after a gap.
     */
    DROP,
    /**
     * A partition nobody notices (packets vanish, no reset): open connections stay open but every
     * byte either way is discarded, and a close on one side does not reach the other; new
     * connections are black-holed as in {@link #DROP}. Leaving this state closes those
     * connections, so a stream never continues after a gap.
     */
    SILENT,
    /**
     * A frozen process (SIGSTOP): connections stay open and new ones are connected to the target,
     * but no byte moves in either direction until the link forwards again; nothing is lost.
     */
    FREEZE
}
