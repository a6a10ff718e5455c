package io.warden.znode.persist;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/** Opens a log directory: orders the segments, validates each, cuts a torn tail, refuses corruption. */
final class LogRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(LogRecovery.class);

    record Recovered(List<Segment> segments, List<String> warnings) {
    }

    private record Found(Path path, long base) {
    }

    private final Path dir;
    private final TxnLogOptions options;
    private final List<String> warnings = new ArrayList<>();

    LogRecovery(Path dir, TxnLogOptions options) {
        this.dir = dir;
        this.options = options;
    }

    Recovered run() throws IOException {
        List<Found> files = list();
        SegmentScanner scanner = new SegmentScanner(options.maxPayloadBytes());
        List<Segment> segments = new ArrayList<>();
        boolean dirChanged = false;
        long prev = 0;
        Segment prevSeg = null;
        for (int i = 0; i < files.size(); i++) {
            Found f = files.get(i);
            boolean last = i == files.size() - 1;
            SegmentScanner.Result r = scanner.scan(f.path(), f.base(), prevSeg == null ? null : prevSeg.path,
                    prevSeg == null ? 0 : prevSeg.durableEnd, prev, last);
            if (r.torn()) {
                warn("Torn write at the end of " + f.path() + " at byte offset " + r.validEnd() + " (" + r.tornReason()
                        + "); discarding the last " + (r.fileSize() - r.validEnd()) + " bytes");
            }
            if (r.lastZxid() == 0) {
                if (!last) {
                    throw new CorruptLogException(f.path(), LogFormat.FILE_HEADER_BYTES,
                            "log file holds no records but is not the newest log file");
                }
                warn("Removing newest log file " + f.path() + " because it holds no complete record");
                Files.delete(f.path());
                dirChanged = true;
                continue;
            }
            if (r.torn()) {
                try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.WRITE)) {
                    ch.truncate(r.validEnd());
                    options.fsync().force(ch, true);
                }
            }
            prevSeg = new Segment(f.path(), f.base(), r.validEnd(), r.lastZxid());
            segments.add(prevSeg);
            prev = r.lastZxid();
        }
        if (dirChanged) {
            options.fsync().syncDirectory(dir);
        }
        return new Recovered(segments, warnings);
    }

    private List<Found> list() throws IOException {
        List<Found> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, LogFormat.PREFIX + "*")) {
            for (Path p : ds) {
                OptionalLong base = LogFormat.parseFileName(p);
                if (base.isEmpty() || base.getAsLong() <= 0 || !Files.isRegularFile(p)) {
                    warn("Ignoring unexpected file " + p + " in the log directory");
                    continue;
                }
                files.add(new Found(p, base.getAsLong()));
            }
        }
        files.sort(Comparator.comparingLong(Found::base));
        return files;
    }

    private void warn(String message) {
        LOG.warn(message);
        warnings.add(message);
    }
}
