package io.warden.znode.persist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * ZAB's two durable epochs, each in its own small file in the data dir ({@code acceptedEpoch},
 * {@code currentEpoch}, decimal text), replaced atomically. Invariants enforced on load and on every write:
 * epochs never go back, currentEpoch is only written once acceptedEpoch exists, and
 * {@code acceptedEpoch >= currentEpoch}. Each setter returns only after the value is durable.
 *
 * <p>Not thread-safe: the ZAB driver owns it.
 */
public final class EpochStore {
    public static final String ACCEPTED = "acceptedEpoch";
    public static final String CURRENT = "currentEpoch";

    private final Path dir;
    private final Fsync fsync;
    private OptionalLong accepted;
    private OptionalLong current;

    /** Loads both files; refuses an impossible state (acceptedEpoch < currentEpoch, garbage content). */
    public EpochStore(Path dir, Fsync fsync) throws IOException {
        this.dir = dir;
        this.fsync = fsync;
        Files.createDirectories(dir);
        this.accepted = read(ACCEPTED);
        this.current = read(CURRENT);
        if (current.isPresent() && (accepted.isEmpty() || accepted.getAsLong() < current.getAsLong())) {
            throw new IOException("Impossible epoch state in " + dir + ": " + describe()
                    + "; acceptedEpoch must be at least currentEpoch. Refusing to start rather than guess.");
        }
    }

    public OptionalLong acceptedEpoch() {
        return accepted;
    }

    public OptionalLong currentEpoch() {
        return current;
    }

    /** Durably records the epoch this server accepted in discovery (NEWEPOCH). */
    public void setAcceptedEpoch(long epoch) throws IOException {
        requireNonNegative(epoch);
        if (accepted.isPresent() && epoch < accepted.getAsLong()) {
            throw new IllegalStateException("acceptedEpoch may not go back from " + accepted.getAsLong() + " to " + epoch);
        }
        if (current.isPresent() && epoch < current.getAsLong()) {
            throw new IllegalStateException("acceptedEpoch " + epoch + " would be below currentEpoch " + current.getAsLong());
        }
        write(ACCEPTED, epoch);
        accepted = OptionalLong.of(epoch);
    }

    /** Durably records the epoch of the leader this server synced with (NEWLEADER). */
    public void setCurrentEpoch(long epoch) throws IOException {
        requireNonNegative(epoch);
        if (accepted.isEmpty() || epoch > accepted.getAsLong()) {
            throw new IllegalStateException("currentEpoch " + epoch + " would exceed acceptedEpoch "
                    + (accepted.isPresent() ? accepted.getAsLong() : "(unset)") + "; write acceptedEpoch first");
        }
        if (current.isPresent() && epoch < current.getAsLong()) {
            throw new IllegalStateException("currentEpoch may not go back from " + current.getAsLong() + " to " + epoch);
        }
        write(CURRENT, epoch);
        current = OptionalLong.of(epoch);
    }

    private String describe() {
        return "acceptedEpoch=" + (accepted.isPresent() ? accepted.getAsLong() : "missing")
                + ", currentEpoch=" + (current.isPresent() ? current.getAsLong() : "missing");
    }

    private static void requireNonNegative(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
    }

    private void write(String name, long value) throws IOException {
        AtomicFiles.write(dir.resolve(name), (value + "\n").getBytes(StandardCharsets.US_ASCII), fsync);
    }

    private OptionalLong read(String name) throws IOException {
        Path f = dir.resolve(name);
        String text;
        try {
            text = Files.readString(f, StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        try {
            long v = Long.parseLong(text);
            if (v < 0) {
                throw new NumberFormatException("negative");
            }
            return OptionalLong.of(v);
        } catch (NumberFormatException e) {
            throw new IOException("Unreadable epoch file " + f + ": expected a non-negative decimal number, found '"
                    + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "'");
        }
    }
}
