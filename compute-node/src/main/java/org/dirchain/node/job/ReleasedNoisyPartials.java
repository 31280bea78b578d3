package org.dirchain.node.job;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The noisy partials this node released, per job and asset, until the job's deadline has passed.
 * A differentially private job asked again (its coordinator restarted, or re-asks on purpose) gets
 * the noisy vector it got the first time, encrypted afresh: two independent noisy answers to one
 * query would reveal more than the job's epsilon allows, one answer sent twice reveals nothing more.
 * After the deadline the ledger refuses the job (and this node with it), so the entry can go.
 *
 * <p>Held in memory: a node restarted mid-job has forgotten its answers (see docs/compute-node.md).
 */
public final class ReleasedNoisyPartials {
    /** Kept a while past the deadline: the node's clock and the chain's may differ by that much. */
    private static final Duration GRACE = Duration.ofHours(1);

    private record Key(long jobId, long assetId) {}

    private record Entry(CompletableFuture<BigInteger[]> vector, Instant keepUntil) {}

    private final Map<Key, Entry> released = new ConcurrentHashMap<>();
    private final Clock clock;

    public ReleasedNoisyPartials(Clock clock) {
        this.clock = clock;
    }

    /**
     * The noisy vector released for this job and asset, computed by {@code compute} only if none
     * was; concurrent calls for the same job wait for one computation. A computation that fails
     * (a refusal, a cancelled call) releases nothing and is not remembered.
     */
    public BigInteger[] noisy(long jobId, long assetId, Instant deadline, Supplier<BigInteger[]> compute) {
        Instant now = clock.instant();
        released.values().removeIf(e -> e.keepUntil().isBefore(now));
        Key key = new Key(jobId, assetId);
        CompletableFuture<BigInteger[]> mine = new CompletableFuture<>();
        Entry existing = released.putIfAbsent(key, new Entry(mine, deadline.plus(GRACE)));
        if (existing != null) {
            try {
                return existing.vector().join().clone();
            } catch (CompletionException e) {
                return noisy(jobId, assetId, deadline, compute); // that attempt failed and was forgotten
            }
        }
        try {
            BigInteger[] vector = compute.get();
            mine.complete(vector.clone());
            return vector;
        } catch (RuntimeException e) {
            released.remove(key);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** Jobs whose noisy partial is held (for tests and health). */
    public int size() {
        return released.size();
    }
}
