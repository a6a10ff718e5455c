package io.warden.znode.persist;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A transaction-log or snapshot file is damaged somewhere other than a torn tail. Start-up must stop:
 * the message names the file and the byte offset so an operator can inspect or remove it.
 */
public final class CorruptLogException extends IOException {
    private final Path file;
    private final long offset;

    public CorruptLogException(Path file, long offset, String reason) {
        super("Corrupt data in " + file + " at byte offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
