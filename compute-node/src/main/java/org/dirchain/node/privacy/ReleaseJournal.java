package org.dirchain.node.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this node has released under differential privacy, kept across restarts: a noisy answer is
 * written (and forced to disk) before it leaves the node, so a node restarted mid-job resends the
 * answer it gave instead of drawing new noise — two independently noisy answers to one query would
 * spend the budget twice. Entries carry the time after which the job is closed on chain (its
 * deadline plus a grace) and are dropped when the journal is reopened after it.
 *
 * <p>One line per entry, {@code <keepUntil epoch seconds> <key> <Base64 value>}, append-only; a later
 * line for a key replaces an earlier one; a torn last line (a crash while writing) is ignored. Without
 * a directory the journal lives in memory only (a node that keeps nothing across restarts).
 */
public final class ReleaseJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseJournal.class);
    private static final String FILE = "released-answers.journal";

    private record Entry(Instant keepUntil, byte[] value) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final FileChannel file;

    private ReleaseJournal(Clock clock, FileChannel file) {
        this.clock = clock;
        this.file = file;
    }

    /** A journal that keeps nothing across restarts. */
    public static ReleaseJournal inMemory(Clock clock) {
        return new ReleaseJournal(clock, null);
    }

    /** Opens (or creates) the journal in {@code directory}, dropping entries whose job has closed. */
    public static ReleaseJournal open(Path directory, Clock clock) {
        try {
            Files.createDirectories(directory);
            Path path = directory.resolve(FILE);
            Map<String, Entry> live = new java.util.LinkedHashMap<>();
            if (Files.exists(path)) {
                Instant now = clock.instant();
                for (String line : Files.readAllLines(path, StandardCharsets.US_ASCII)) {
                    String[] parts = line.split(" ", 3);
                    if (parts.length != 3) {
                        continue; // a torn last line
                    }
                    try {
                        Instant keepUntil = Instant.ofEpochSecond(Long.parseLong(parts[0]));
                        if (!keepUntil.isBefore(now)) {
                            live.put(parts[1], new Entry(keepUntil, Base64.getDecoder().decode(parts[2])));
                        }
                    } catch (IllegalArgumentException e) {
                        LOG.warn("release journal: unreadable line skipped ({})", e.getMessage());
                    }
                }
            }
            // rewrite with the live entries only, atomically, then append from there
            Path fresh = directory.resolve(FILE + ".new");
            StringBuilder text = new StringBuilder();
            live.forEach((key, e) -> text.append(line(key, e)));
            try (FileChannel out = FileChannel.open(fresh, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.US_ASCII)));
                out.force(true);
            }
            Files.move(fresh, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(directory); // the rename itself must survive a crash
            FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            ReleaseJournal journal = new ReleaseJournal(clock, channel);
            journal.entries.putAll(live);
            LOG.info("release journal opened file={} entries={}", path, live.size());
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the release journal in " + directory, e);
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("directory sync not supported here: {}", e.toString()); // e.g. some platforms refuse it
        }
    }

    /** The value released under {@code key}, if any and its job is not closed yet. */
    public Optional<byte[]> get(String key) {
        Entry e = entries.get(key);
        return e == null || e.keepUntil().isBefore(clock.instant()) ? Optional.empty() : Optional.of(e.value().clone());
    }

    /** Records a release; on disk before this returns. */
    public synchronized void put(String key, Instant keepUntil, byte[] value) {
        if (key.isEmpty() || key.contains(" ") || key.contains("\n")) {
            throw new IllegalArgumentException("journal keys are non-empty and have no spaces: '" + key + "'");
        }
        Entry entry = new Entry(keepUntil, value.clone());
        if (file != null) {
            try {
                file.write(ByteBuffer.wrap(line(key, entry).getBytes(StandardCharsets.US_ASCII)));
                file.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record a release in the journal; nothing is released", e);
            }
        }
        entries.put(key, entry);
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.keepUntil().isBefore(now));
    }

    /** Entries whose job is not closed yet. */
    public int size() {
        Instant now = clock.instant();
        return (int) entries.values().stream().filter(e -> !e.keepUntil().isBefore(now)).count();
    }

    private static String line(String key, Entry e) {
        return e.keepUntil().getEpochSecond() + " " + key + " " + Base64.getEncoder().encodeToString(e.value()) + "\n";
    }

    @Override
    public synchronized void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                LOG.warn("release journal close failed: {}", e.toString());
            }
        }
    }
}
