package org.dirchain.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The token buckets on a clock the test moves: no waiting, no timing. */
class ApiKeyRateLimiterTest {
    private long now = 1_000_000_000_000L;
    private final ApiKeyRateLimiter limiter = new ApiKeyRateLimiter(2, 3, () -> now);

    private void advanceMillis(long millis) {
        now += TimeUnit.MILLISECONDS.toNanos(millis);
    }

    @Test
    void aKeyMaySendItsBurstAtOnceThenWaitsForTheRefill() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k")).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(limiter.acquire("k")).as("a token comes back in 0.5 s: one whole second").isEqualTo(1);

        advanceMillis(499);
        assertThat(limiter.acquire("k")).isEqualTo(1);
        advanceMillis(2);
        assertThat(limiter.acquire("k")).isZero();
        assertThat(limiter.acquire("k")).isEqualTo(1);
    }

    @Test
    void refusedRequestsCostNothingAndTheBucketNeverHoldsMoreThanTheBurst() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("k");
        }
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("k")).isPositive();
        }
        advanceMillis(510);
        assertThat(limiter.acquire("k")).as("refusals did not dig a hole").isZero();

        advanceMillis(60_000);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k")).isZero();
        }
        assertThat(limiter.acquire("k")).as("a long pause refills the burst, no more").isPositive();
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("busy");
        }
        assertThat(limiter.acquire("busy")).isPositive();
        assertThat(limiter.acquire("quiet")).isZero();
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilATokenIsBack() {
        ApiKeyRateLimiter slow = new ApiKeyRateLimiter(0.1, 1, () -> now);
        assertThat(slow.acquire("k")).isZero();
        assertThat(slow.acquire("k")).isEqualTo(10);
        advanceMillis(2_500);
        assertThat(slow.acquire("k")).isEqualTo(8);
    }

    @Test
    void bucketsThatFilledUpAgainAreDroppedAndBusyOnesKept() {
        limiter.acquire("idle");
        limiter.acquire("busy");
        assertThat(limiter.size()).isEqualTo(2);

        advanceMillis(1_000); // "busy" keeps spending while "idle" refills
        limiter.acquire("busy");
        limiter.acquire("busy");
        advanceMillis(600); // past the refill time of a whole burst (1.5 s) since the last sweep
        assertThat(limiter.acquire("busy")).isZero();
        assertThat(limiter.size()).as("only the idle bucket was full, so only it went").isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            limiter.acquire("busy");
        }
        assertThat(limiter.acquire("busy")).as("a kept bucket keeps its state").isPositive();
    }

    @Test
    void aRateOrBurstThatCannotBeUsedIsRefused() {
        assertThatThrownBy(() -> new ApiKeyRateLimiter(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApiKeyRateLimiter(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
