package io.warden.server.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code dataDir/myid}: one line holding this server's id, as ZooKeeper writes it. Blocks on I/O. */
public final class MyIdFile {

    /** File name inside dataDir. */
    public static final String NAME = "myid";

    private MyIdFile() {
    }

    /** @throws ConfigException naming the file if it is missing, unreadable, empty or not a number */
    public static long read(Path file) throws ConfigException {
        String source = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw ConfigException.forFile(source,
                    "myid file is missing; with server.N lines it must hold this server's id");
        } catch (IOException e) {
            throw new ConfigException(source, ConfigException.NO_LINE, "cannot read myid: " + e, e);
        }
        if (text.isEmpty()) {
            throw new ConfigException(source, 1, "myid is empty; it must hold this server's id");
        }
        try {
            long id = Long.parseLong(text);
            if (id < 0) {
                throw new ConfigException(source, 1, "myid must be >= 0, got " + id);
            }
            return id;
        } catch (NumberFormatException e) {
            throw new ConfigException(source, 1, "myid is not a number: '" + text + "'");
        }
    }
}
