package io.warden.server.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DirectorySizeTest {
    @TempDir
    Path dir;

    @Test
    void sumsTheRegularFilesOfTheWholeTree() throws Exception {
        Files.write(dir.resolve("a"), new byte[100]);
        Files.createDirectories(dir.resolve("incoming"));
        Files.write(dir.resolve("incoming").resolve("b"), new byte[23]);
        assertEquals(123, DirectorySize.of(dir));
    }

    @Test
    void aMissingDirectoryIsZeroNotAnError() {
        assertEquals(0, DirectorySize.of(dir.resolve("gone")));
    }
}
