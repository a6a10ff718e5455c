package io.warden.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** What the benchmarks read about server processes and their disks from the OS (Linux /proc). */
final class ProcFs {
    private ProcFs() {
    }

    /** Bytes the process has caused to be written to storage ({@code write_bytes} of /proc/PID/io). */
    static OptionalLong writeBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("write_bytes:")) {
                    return OptionalLong.of(Long.parseLong(line.substring("write_bytes:".length()).trim()));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return OptionalLong.empty();
    }

    /** The file system type of {@code dir}, e.g. "ext4"; fsync on "tmpfs" costs nothing. */
    static String fileSystemType(Path dir) {
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
