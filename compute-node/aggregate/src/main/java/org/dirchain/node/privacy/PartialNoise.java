package org.dirchain.node.privacy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Map;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.InvalidQueryException;
import org.dirchain.node.query.VectorLayout;

/**
 * Adds discrete Laplace noise to a partial-aggregate vector before it is encrypted, so that even
 * this node's partial alone is ε-differentially private (add/remove-one-row adjacency).
 *
 * <p>Per group, the statistics released are: the row count, per moment column its count, sum and
 * sum of squares, and per histogram its buckets (one row lands in one bucket: L1 sensitivity 1).
 * Epsilon is split evenly over these k statistics (sequential composition); groups are disjoint, so
 * each group gets the full split (parallel composition). Sensitivities, in the vector's fixed-point
 * units: counts 1, sum ⌈max(|lo|,|hi|)·10^s⌉ + 1, sum of squares ⌈max(lo², hi²)·10^2s⌉ + 1 (each total is
 * rounded to the unit once), from the clamping
 * bounds, which are therefore required for every moment column.
 */
public final class PartialNoise {
    private final DiscreteLaplace laplace;

    public PartialNoise(DiscreteLaplace laplace) {
        this.laplace = laplace;
    }

    /** Noised copy of {@code vector}; {@code epsilonMilli} > 0. */
    public BigInteger[] apply(BigInteger[] vector, AggregateQuery query, Map<String, BigDecimal[]> clamps,
            long epsilonMilli) {
        if (epsilonMilli <= 0) {
            throw new IllegalArgumentException("epsilon must be positive");
        }
        VectorLayout layout = new VectorLayout(query);
        var moments = query.momentColumns();
        BigInteger[] sumSensitivity = new BigInteger[moments.size()];
        BigInteger[] squareSensitivity = new BigInteger[moments.size()];
        BigDecimal unit = BigDecimal.TEN.pow(query.scale());
        for (int m = 0; m < moments.size(); m++) {
            BigDecimal[] b = clamps.get(moments.get(m));
            if (b == null) {
                throw new InvalidQueryException("differential privacy needs clamping bounds for column '"
                        + moments.get(m) + "'");
            }
            BigDecimal bound = b[0].abs().max(b[1].abs());
            // + 1: the partial rounds each total to the fixed-point unit once, so one row can move a
            // rounded total by one unit more than its own bound
            sumSensitivity[m] = atLeastOne(bound.multiply(unit)).add(BigInteger.ONE);
            squareSensitivity[m] = atLeastOne(bound.multiply(bound).multiply(unit).multiply(unit)).add(BigInteger.ONE);
        }
        int statistics = 1 + 3 * moments.size() + query.histograms().size();
        // noise scale for a statistic of sensitivity Δ: Δ / (ε/k) = Δ·k·1000 / epsilonMilli
        BigInteger k1000 = BigInteger.valueOf(statistics * 1000L);
        BigInteger den = BigInteger.valueOf(epsilonMilli);
        BigInteger[] out = vector.clone();
        int stride = layout.groupStride();
        for (int slot = 0; slot < out.length; slot++) {
            int within = slot % stride;
            BigInteger sensitivity = switch (layout.kind(slot)) {
                case ROWS, COUNT, BUCKET -> BigInteger.ONE;
                case SUM -> sumSensitivity[(within - 1) / 3];
                case SUM_OF_SQUARES -> squareSensitivity[(within - 1) / 3];
            };
            out[slot] = out[slot].add(laplace.sample(sensitivity.multiply(k1000), den));
        }
        return out;
    }

    /**
     * Requester-side post-processing of a decrypted noisy vector into a consistent one: counts,
     * bucket counts and sums of squares cannot be negative (negative values become 0), and a group's
     * row count is raised to at least its largest value count and histogram total. Post-processing
     * never weakens differential privacy.
     */
    public static BigInteger[] consistent(BigInteger[] vector, AggregateQuery query) {
        VectorLayout layout = new VectorLayout(query);
        BigInteger[] out = vector.clone();
        for (int slot = 0; slot < out.length; slot++) {
            if (layout.kind(slot) != VectorLayout.SlotKind.SUM && out[slot].signum() < 0) {
                out[slot] = BigInteger.ZERO;
            }
        }
        int moments = query.momentColumns().size();
        for (int g = 0; g < layout.groups(); g++) {
            int rows = layout.rowsSlot(g);
            BigInteger needed = out[rows];
            for (int m = 0; m < moments; m++) {
                needed = needed.max(out[layout.countSlot(g, m)]);
            }
            for (int h = 0; h < query.histograms().size(); h++) {
                BigInteger total = BigInteger.ZERO;
                int first = layout.bucketSlot(g, h, 0);
                for (int b = 0; b < layout.bucketSlots(h); b++) {
                    total = total.add(out[first + b]);
                }
                needed = needed.max(total);
            }
            out[rows] = needed;
        }
        return out;
    }

    private static BigInteger atLeastOne(BigDecimal v) {
        return v.setScale(0, RoundingMode.CEILING).toBigIntegerExact().max(BigInteger.ONE);
    }
}
