package io.warden.znode.persist;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * How storage makes bytes durable. Injected so tests can count or delay fsyncs and so a benchmark
 * can switch them off ({@link #NONE}, the equivalent of ZooKeeper's {@code forceSync=no}).
 * Implementations must be thread-safe.
 */
public interface Fsync {
    /** Forces a file's content (and its metadata when {@code metadata} is true) to stable storage. */
    void force(FileChannel channel, boolean metadata) throws IOException;

    /** Makes directory entries (created, renamed or deleted files) in {@code dir} durable. */
    void syncDirectory(Path dir) throws IOException;

    /** The real thing: {@link FileChannel#force} and an fsync of the directory. */
    Fsync REAL = new Fsync() {
        @Override
        public void force(FileChannel channel, boolean metadata) throws IOException {
            channel.force(metadata);
        }

        @Override
        public void syncDirectory(Path dir) throws IOException {
            try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
                ch.force(true);
            } catch (IOException e) {
                // Some platforms (Windows) cannot open a directory; there rename is already durable enough.
                if (!System.getProperty("os.name", "").toLowerCase().contains("win")) {
                    throw e;
                }
            }
        }
    };

    /** No durability at all: only for benchmarks and tests that do not care about crashes. */
    Fsync NONE = new Fsync() {
        @Override
        public void force(FileChannel channel, boolean metadata) {
        }

        @Override
        public void syncDirectory(Path dir) {
        }
    };
}
