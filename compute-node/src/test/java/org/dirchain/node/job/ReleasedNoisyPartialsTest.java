package org.dirchain.node.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.dirchain.node.privacy.ReleaseJournal;
import org.junit.jupiter.api.Test;

class ReleasedNoisyPartialsTest {
    private static final Instant T0 = Instant.parse("2026-11-26T00:00:00Z");
    private final AtomicInteger draws = new AtomicInteger();
    private final Supplier<BigInteger[]> draw = () -> new BigInteger[] {BigInteger.valueOf(draws.incrementAndGet())};

    @Test
    void aJobAskedAgainGetsTheNoisyVectorItGotBeforeWithoutANewDraw() {
        ReleasedNoisyPartials released = new ReleasedNoisyPartials(ReleaseJournal.inMemory(Clock.fixed(T0, ZoneOffset.UTC)));
        BigInteger[] first = released.noisy(7, 1, T0.plusSeconds(600), draw);
        BigInteger[] again = released.noisy(7, 1, T0.plusSeconds(600), draw);
        assertArrayEquals(first, again);
        assertNotSame(first, again, "callers get copies");
        assertEquals(1, draws.get());
        released.noisy(7, 2, T0.plusSeconds(600), draw);
        released.noisy(8, 1, T0.plusSeconds(600), draw);
        assertEquals(3, draws.get(), "another asset or job is another query");
    }

    @Test
    void aComputationThatFailsReleasesNothingAndIsNotRemembered() {
        ReleasedNoisyPartials released = new ReleasedNoisyPartials(ReleaseJournal.inMemory(Clock.fixed(T0, ZoneOffset.UTC)));
        assertThrows(IllegalStateException.class, () -> released.noisy(7, 1, T0.plusSeconds(600), () -> {
            throw new IllegalStateException("cancelled by the caller");
        }));
        assertEquals(0, released.size());
        released.noisy(7, 1, T0.plusSeconds(600), draw);
        assertEquals(1, draws.get());
    }

    @Test
    void anAnswerIsForgottenADayAfterItsJobsDeadline() {
        Instant[] now = {T0};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        ReleasedNoisyPartials released = new ReleasedNoisyPartials(ReleaseJournal.inMemory(clock));
        released.noisy(7, 1, T0.plusSeconds(60), draw);
        now[0] = T0.plusSeconds(60).plus(Duration.ofHours(23));
        released.noisy(8, 1, T0.plusSeconds(200_000), draw);
        assertEquals(2, released.size(), "still within the grace");
        now[0] = T0.plusSeconds(60).plus(Duration.ofHours(25));
        released.noisy(8, 1, T0.plusSeconds(200_000), draw);
        assertEquals(1, released.size(), "job 7 is past its deadline and the grace: the ledger refuses it anyway");
    }

    @Test
    void manyConcurrentAsksForOneJobDrawOnce() throws Exception {
        ReleasedNoisyPartials released = new ReleasedNoisyPartials(ReleaseJournal.inMemory(Clock.fixed(T0, ZoneOffset.UTC)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<BigInteger[]>> answers = new java.util.ArrayList<>();
            for (int k = 0; k < 200; k++) {
                answers.add(pool.submit(() -> released.noisy(9, 1, T0.plusSeconds(600), draw)));
            }
            BigInteger[] first = answers.get(0).get();
            for (var a : answers) {
                assertArrayEquals(first, a.get());
            }
            assertEquals(1, draws.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
