package org.dirchain.coordinator.auth;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A token bucket per API key: a key may send {@code burst} requests at once, then
 * {@code requestsPerSecond} on average. Buckets exist only for authenticated keys, and a bucket left
 * idle long enough to be full again is dropped (a new one would be the same), so memory is bounded
 * by the keys active in the last few seconds, never by what unauthenticated clients send.
 */
public final class ApiKeyRateLimiter {
    private final double tokensPerNano;
    private final double burst;
    /** How long an empty bucket takes to fill up; also the pause between two sweeps of idle buckets. */
    private final long refillNanos;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    /** Tokens left after the last request and when it came; {@code granted}: that request was let through. */
    private record Bucket(double tokens, long at, boolean granted) {}

    public ApiKeyRateLimiter(double requestsPerSecond, int burst) {
        this(requestsPerSecond, burst, System::nanoTime);
    }

    ApiKeyRateLimiter(double requestsPerSecond, int burst, LongSupplier nanoClock) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond) || burst < 1) {
            throw new IllegalArgumentException("rate limit needs requests per second > 0 and burst >= 1, got "
                    + requestsPerSecond + " and " + burst);
        }
        this.tokensPerNano = requestsPerSecond / TimeUnit.SECONDS.toNanos(1);
        this.burst = burst;
        this.refillNanos = Math.max(1, (long) Math.ceil(burst / tokensPerNano));
        this.nanoClock = nanoClock;
        this.nextSweep = new AtomicLong(nanoClock.getAsLong() + refillNanos);
    }

    /**
     * Takes a token from {@code keyId}'s bucket.
     *
     * @return 0 if the request may go ahead, else the whole seconds (at least 1) until a token is back
     */
    public long acquire(String keyId) {
        long now = nanoClock.getAsLong();
        sweepIfDue(now);
        Bucket after = buckets.compute(keyId, (key, before) -> take(before, now));
        if (after.granted()) {
            return 0;
        }
        double missingNanos = (1 - after.tokens()) / tokensPerNano;
        return Math.max(1, (long) Math.ceil(missingNanos / TimeUnit.SECONDS.toNanos(1)));
    }

    /** Buckets held now (tests). */
    int size() {
        return buckets.size();
    }

    private Bucket take(Bucket before, long now) {
        long at = before == null ? now : Math.max(before.at(), now); // clock reads may reach us out of order
        double tokens = before == null ? burst : refilled(before, at);
        return tokens >= 1 ? new Bucket(tokens - 1, at, true) : new Bucket(tokens, at, false);
    }

    private double refilled(Bucket b, long now) {
        return Math.min(burst, b.tokens() + Math.max(0, now - b.at()) * tokensPerNano);
    }

    /** At most once per refill time, one caller drops every bucket that has filled up again. */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + refillNanos)) {
            return;
        }
        for (String key : buckets.keySet()) {
            buckets.computeIfPresent(key, (k, b) -> refilled(b, now) >= burst ? null : b);
        }
    }
}
