package org.dirchain.node.job;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dirchain.node.privacy.ReleaseJournal;

/**
 * The noisy partials this node released, per job and asset, until the job's deadline has passed.
 * A differentially private job asked again (its coordinator restarted, or re-asks on purpose) gets
 * the noisy vector it got the first time, encrypted and masked afresh: two independent noisy
 * answers to one query would reveal more than the job's epsilon allows, one answer sent twice
 * reveals nothing more. Kept in the node's {@link ReleaseJournal}, so a restarted node remembers
 * them too; after the deadline (plus a day for clock skew) the ledger refuses the job anyway.
 */
public final class ReleasedNoisyPartials {
    /** Kept a day past the deadline: the node's clock may run ahead of the chain's. */
    private static final Duration GRACE = Duration.ofDays(1);

    private final ReleaseJournal journal;
    private final Map<String, CompletableFuture<BigInteger[]>> computing = new ConcurrentHashMap<>();

    public ReleasedNoisyPartials(ReleaseJournal journal) {
        this.journal = journal;
    }

    /**
     * The noisy vector released for this job and asset, computed by {@code compute} only if none
     * was; concurrent calls for the same job wait for one computation. A computation that fails
     * (a refusal, a cancelled call) releases nothing and is not remembered.
     */
    public BigInteger[] noisy(long jobId, long assetId, Instant deadline, Supplier<BigInteger[]> compute) {
        String key = "aggregate/" + jobId + "/" + assetId;
        Optional<byte[]> released = journal.get(key);
        if (released.isPresent()) {
            return decode(released.get());
        }
        CompletableFuture<BigInteger[]> mine = new CompletableFuture<>();
        CompletableFuture<BigInteger[]> other = computing.putIfAbsent(key, mine);
        if (other != null) {
            try {
                return other.join().clone();
            } catch (CompletionException e) {
                return noisy(jobId, assetId, deadline, compute); // that attempt failed and was forgotten
            }
        }
        try {
            // Another call may have released it between the first look and winning the slot.
            Optional<byte[]> meanwhile = journal.get(key);
            if (meanwhile.isPresent()) {
                BigInteger[] vector = decode(meanwhile.get());
                mine.complete(vector.clone());
                return vector;
            }
            BigInteger[] vector = compute.get();
            journal.put(key, deadline.plus(GRACE), encode(vector)); // on disk before it leaves the node
            mine.complete(vector.clone());
            return vector;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            computing.remove(key);
        }
    }

    /** Jobs whose noisy partial is held (for tests and health). */
    public int size() {
        return journal.size();
    }

    static byte[] encode(BigInteger[] vector) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(vector.length);
            for (BigInteger v : vector) {
                byte[] b = v.toByteArray();
                out.writeInt(b.length);
                out.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static BigInteger[] decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            BigInteger[] out = new BigInteger[in.readInt()];
            for (int i = 0; i < out.length; i++) {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                out[i] = new BigInteger(b);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("a journaled partial does not decode", e);
        }
    }
}
