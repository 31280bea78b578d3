package org.dirchain.node.privacy;

import java.math.BigInteger;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.VectorLayout;

/**
 * Small-cell suppression of a node's partial, applied to what the node is about to release: the
 * exact vector, or — under differential privacy — the noisy one. A group whose row count is below
 * the asset's minimum cell size releases nothing (every slot of it is zeroed); so does a moment
 * column whose value count is below it (its count, sum and sum of squares), and a histogram bucket
 * (underflow and overflow included) whose count is. The cohort — the rows over every listed group —
 * below the minimum refuses the whole job.
 *
 * <p>Under DP the decisions read only the noisy counts the node would release anyway, so they are
 * post-processing and spend no privacy beyond the job's epsilon: the threshold is noisy, not an
 * exact membership oracle (the noisy-threshold release of small partitions, as in Google's
 * differential-privacy library's partition selection; Wilson et al., "Differentially Private SQL
 * with Bounded User Contribution", PoPETs 2020). Without DP the threshold is exact, which is why an
 * owner of personal data requires DP in the release policy.
 */
public final class CellSuppression {
    private CellSuppression() {}

    /** The released cohort: rows over every listed group of {@code vector}. */
    public static BigInteger cohort(BigInteger[] vector, AggregateQuery query) {
        VectorLayout layout = new VectorLayout(query);
        BigInteger rows = BigInteger.ZERO;
        for (int g = 0; g < layout.groups(); g++) {
            rows = rows.add(vector[layout.rowsSlot(g)]);
        }
        return rows;
    }

    /** A copy of {@code vector} with every cell below {@code minCellSize} zeroed. */
    public static BigInteger[] suppress(BigInteger[] vector, AggregateQuery query, int minCellSize) {
        VectorLayout layout = new VectorLayout(query);
        BigInteger min = BigInteger.valueOf(minCellSize);
        BigInteger[] out = vector.clone();
        int moments = query.momentColumns().size();
        int histograms = query.histograms().size();
        for (int g = 0; g < layout.groups(); g++) {
            if (out[layout.rowsSlot(g)].compareTo(min) < 0) {
                int first = layout.rowsSlot(g);
                for (int s = first; s < first + layout.groupStride(); s++) {
                    out[s] = BigInteger.ZERO;
                }
                continue;
            }
            for (int m = 0; m < moments; m++) {
                if (out[layout.countSlot(g, m)].compareTo(min) < 0) {
                    out[layout.countSlot(g, m)] = BigInteger.ZERO;
                    out[layout.sumSlot(g, m)] = BigInteger.ZERO;
                    out[layout.sumOfSquaresSlot(g, m)] = BigInteger.ZERO;
                }
            }
            for (int h = 0; h < histograms; h++) {
                for (int b = 0; b < layout.bucketSlots(h); b++) {
                    int slot = layout.bucketSlot(g, h, b);
                    if (out[slot].compareTo(min) < 0) {
                        out[slot] = BigInteger.ZERO;
                    }
                }
            }
        }
        return out;
    }
}
