package org.dirchain.node.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.dirchain.node.job.ReleasedNoisyPartials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Released answers outlive the node's process, until their job has closed. */
class ReleaseJournalTest {
    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
    private static final Clock NOW = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir Path dir;

    @Test
    void aReleaseIsOnDiskAndSurvivesAReopenUntilItsJobCloses() {
        try (ReleaseJournal journal = ReleaseJournal.open(dir, NOW)) {
            journal.put("aggregate/7/1", T0.plusSeconds(600), new byte[] {1, 2, 3});
            journal.put("aggregate/8/1", T0.plusSeconds(60), new byte[] {4});
            journal.put("aggregate/7/1", T0.plusSeconds(600), new byte[] {5, 6}); // a later line wins
        }
        try (ReleaseJournal reopened = ReleaseJournal.open(dir, NOW)) {
            assertArrayEquals(new byte[] {5, 6}, reopened.get("aggregate/7/1").orElseThrow());
            assertEquals(2, reopened.size());
        }
        try (ReleaseJournal later = ReleaseJournal.open(dir, Clock.fixed(T0.plusSeconds(120), ZoneOffset.UTC))) {
            assertTrue(later.get("aggregate/8/1").isEmpty(), "job 8 has closed: dropped");
            assertEquals(1, later.size());
        }
        try (ReleaseJournal compacted = ReleaseJournal.open(dir, NOW)) {
            assertTrue(compacted.get("aggregate/8/1").isEmpty(), "dropped for good when the journal was rewritten");
        }
    }

    @Test
    void aTornLastLineFromACrashIsIgnored() throws Exception {
        try (ReleaseJournal journal = ReleaseJournal.open(dir, NOW)) {
            journal.put("aggregate/7/1", T0.plusSeconds(600), new byte[] {9});
        }
        Files.writeString(dir.resolve("released-answers.journal"), "1764118800 aggregate/9/",
                StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        try (ReleaseJournal reopened = ReleaseJournal.open(dir, NOW)) {
            assertArrayEquals(new byte[] {9}, reopened.get("aggregate/7/1").orElseThrow());
            assertEquals(1, reopened.size());
        }
    }

    @Test
    void keysWithSpacesAreRefused() {
        ReleaseJournal journal = ReleaseJournal.inMemory(NOW);
        assertThrows(IllegalArgumentException.class, () -> journal.put("a b", T0, new byte[0]));
    }

    @Test
    void aRestartedNodeResendsTheNoisyPartialItReleasedInsteadOfDrawingAgain() {
        AtomicInteger draws = new AtomicInteger();
        BigInteger[] first;
        try (ReleaseJournal journal = ReleaseJournal.open(dir, NOW)) {
            first = new ReleasedNoisyPartials(journal).noisy(7, 1, T0.plusSeconds(600),
                    () -> new BigInteger[] {BigInteger.valueOf(-41), BigInteger.valueOf(draws.incrementAndGet())});
        }
        try (ReleaseJournal afterRestart = ReleaseJournal.open(dir, NOW)) {
            BigInteger[] again = new ReleasedNoisyPartials(afterRestart).noisy(7, 1, T0.plusSeconds(600),
                    () -> new BigInteger[] {BigInteger.ZERO, BigInteger.valueOf(draws.incrementAndGet())});
            assertArrayEquals(first, again);
            assertEquals(1, draws.get(), "no second draw after the restart");
        }
    }

    @Test
    void inMemoryTheJournalStillAnswersWithinTheProcess() {
        ReleaseJournal journal = ReleaseJournal.inMemory(NOW);
        byte[] value = {7};
        journal.put("training/1/2/FIT", T0.plusSeconds(10), value);
        assertArrayEquals(value, journal.get("training/1/2/FIT").orElseThrow());
        assertSame(journal.get("nothing").isEmpty(), true);
    }
}
