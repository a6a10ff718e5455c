package io.warden.server.admin;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Bytes held by the regular files under a directory, for four-letter words. Any thread. */
public final class DirectorySize {
    private DirectorySize() {
    }

    /**
     * Best effort: files that vanish or cannot be read while the tree is walked (snapshots being
     * purged, SNAP spool files) are skipped, never an error; 0 if {@code dir} cannot be read.
     */
    public static long of(Path dir) {
        long[] total = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        total[0] += attrs.size();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return 0;
        }
        return total[0];
    }
}
