package io.warden.znode;

/** Modes of the addWatch request (3.6+). */
public enum AddWatchMode {
    PERSISTENT(0),
    PERSISTENT_RECURSIVE(1);

    private final int mode;

    AddWatchMode(int mode) { this.mode = mode; }

    public int getMode() { return mode; }

    /** @return the mode for a wire value, or null when unknown */
    public static AddWatchMode fromInt(int mode) {
        return switch (mode) {
            case 0 -> PERSISTENT;
            case 1 -> PERSISTENT_RECURSIVE;
            default -> null;
        };
    }
}
