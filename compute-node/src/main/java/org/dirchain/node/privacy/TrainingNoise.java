package org.dirchain.node.privacy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The noise of one node's part in one differentially private training job ({@link DpTraining}):
 * statistics are written as integers in fixed-point units of 2^-{@value DpTraining#FRACTION_BITS} of
 * a row's bound, and exact discrete Gaussian noise ({@link DiscreteGaussian}) is added to the
 * integers; only the noisy integers are turned back into doubles (post-processing).
 *
 * <p>The job's row count is released once: drawn at first use, written to the release journal
 * before it is returned, and the same value from then on — also after a restart, so a coordinator
 * asking again learns no second noisy count to average.
 */
public final class TrainingNoise {
    private final DpTraining dp;
    private final DiscreteGaussian gaussian;
    private final ReleaseJournal journal;
    private final String countKey;
    private final Instant keepUntil;

    /**
     * @param countKey the journal key of this job's count at this node
     * @param keepUntil when the job is closed on chain for sure (the journal may forget it then)
     */
    public TrainingNoise(DpTraining dp, SecureRandom random, ReleaseJournal journal, String countKey, Instant keepUntil) {
        this.dp = Objects.requireNonNull(dp, "dp");
        this.gaussian = new DiscreteGaussian(Objects.requireNonNull(random, "random"));
        this.journal = Objects.requireNonNull(journal, "journal");
        this.countKey = Objects.requireNonNull(countKey, "countKey");
        this.keepUntil = Objects.requireNonNull(keepUntil, "keepUntil");
    }

    /** One job held in memory only (an in-process federation, a test). */
    public static TrainingNoise inMemory(DpTraining dp, SecureRandom random) {
        return new TrainingNoise(dp, random, ReleaseJournal.inMemory(Clock.systemUTC()), "training-count",
                Instant.now().plusSeconds(366L * 24 * 3600));
    }

    public DpTraining dp() {
        return dp;
    }

    /**
     * The job's released training-row count, max(0, n + N_Z(0, σ²)) with σ² = {@link
     * DpTraining#countVariance()}: drawn at the first call, on disk before it is returned, the same
     * value at every later call whatever {@code exactCount} is then.
     */
    public synchronized long releasedCount(long exactCount) {
        var earlier = journal.get(countKey);
        if (earlier.isPresent()) {
            return ByteBuffer.wrap(earlier.get()).getLong();
        }
        long noisy = Math.max(0, BigInteger.valueOf(exactCount).add(gaussian.sample(dp.countVariance())).longValueExact());
        journal.put(countKey, keepUntil, ByteBuffer.allocate(Long.BYTES).putLong(noisy).array());
        return noisy;
    }

    /** A row's term t ∈ [−1, 1] in units of 2^-k, rounded to nearest and never beyond ±2^k. */
    public static long unitTerm(double t) {
        long units = Math.round(Math.scalb(t, DpTraining.FRACTION_BITS));
        return Math.max(-DpTraining.ROW_BOUND_UNITS, Math.min(DpTraining.ROW_BOUND_UNITS, units));
    }

    /**
     * A row's gradient, already clipped to the clip norm in floating point, in units of
     * clipNorm·2^-k, rounded towards zero. Its L2 norm is then made at most 2^k units exactly, in
     * integers, so the sensitivity the noise is calibrated to holds whatever the floating point did.
     */
    public long[] gradientUnits(double[] clippedGradient) {
        long[] units = new long[clippedGradient.length];
        for (int i = 0; i < units.length; i++) {
            units[i] = (long) Math.scalb(clippedGradient[i] / dp.clipNorm(), DpTraining.FRACTION_BITS); // NaN → 0
        }
        long bound = DpTraining.ROW_BOUND_UNITS * DpTraining.ROW_BOUND_UNITS;
        while (normSquared(units) > bound) {
            int largest = 0; // a rounding error of an ulp or two: take it off the largest coordinate
            for (int i = 1; i < units.length; i++) {
                largest = Math.abs(units[i]) > Math.abs(units[largest]) ? i : largest;
            }
            units[largest] -= Long.signum(units[largest]);
        }
        return units;
    }

    /** A moment sum over the job's rows (in units of 2^-k) plus its noise, back on the unit scale. */
    public double noisyMomentSum(long units, int features) {
        return Math.scalb(BigInteger.valueOf(units).add(gaussian.sample(dp.momentsVariance(features))).doubleValue(),
                -DpTraining.FRACTION_BITS);
    }

    /** A step's gradient sum (in units of clipNorm·2^-k) plus its noise per coordinate, back on the gradient's scale. */
    public double[] noisyGradientSum(long[] units) {
        Variance variance = dp.stepVariance();
        double[] out = new double[units.length];
        for (int i = 0; i < units.length; i++) {
            double noisy = BigInteger.valueOf(units[i]).add(gaussian.sample(variance)).doubleValue();
            out[i] = Math.scalb(noisy, -DpTraining.FRACTION_BITS) * dp.clipNorm();
        }
        return out;
    }

    private static long normSquared(long[] units) {
        long s = 0;
        for (long u : units) {
            s = Math.addExact(s, Math.multiplyExact(u, u));
        }
        return s;
    }
}
