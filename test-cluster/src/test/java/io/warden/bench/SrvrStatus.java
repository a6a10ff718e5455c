package io.warden.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * What the benchmark reads from a serving member's {@code srvr} answer: its Mode and last zxid.
 * ZooKeeper and Warden print the same lines ({@code Zxid: 0x...}, {@code Mode: leader}).
 *
 * @param mode lower case: leader, follower, observer, standalone, read-only
 * @param zxid the last processed zxid, or -1 if the answer had none
 */
record SrvrStatus(String mode, long zxid) {

    boolean isLeader() {
        return mode.equals("leader");
    }

    /** True for a member that takes part in a formed ensemble (leader, follower or observer). */
    boolean inEnsemble() {
        return mode.equals("leader") || mode.equals("follower") || mode.equals("observer");
    }

    /** Parses a {@code srvr} answer; empty when it has no Mode line (e.g. "not currently serving requests"). */
    static Optional<SrvrStatus> parse(String srvr) {
        String mode = null;
        long zxid = -1;
        for (String raw : srvr.split("\\R")) {
            String line = raw.trim();
            if (line.startsWith("Mode:")) {
                mode = line.substring("Mode:".length()).trim().toLowerCase(Locale.ROOT);
            } else if (line.startsWith("Zxid:")) {
                zxid = parseZxid(line.substring("Zxid:".length()).trim());
            }
        }
        return mode == null || mode.isEmpty() ? Optional.empty() : Optional.of(new SrvrStatus(mode, zxid));
    }

    private static long parseZxid(String v) {
        try {
            return v.startsWith("0x") || v.startsWith("0X") ? Long.parseUnsignedLong(v.substring(2), 16)
                    : Long.parseLong(v);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
