package org.dirchain.node.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Map;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.Measure;
import org.dirchain.node.query.VectorLayout;
import org.junit.jupiter.api.Test;

class CellSuppressionTest {
    /** Two groups; COUNT, MEAN(x) and a histogram of x with edges 0, 5, 10 (4 bucket slots). */
    static final AggregateQuery QUERY = AggregateQuery.builder().groupBy("g", "a", "b").measure(Measure.count())
            .measure(Measure.mean("x")).measure(Measure.histogram("x", "0", "5", "10")).build();
    static final VectorLayout LAYOUT = new VectorLayout(QUERY);

    static BigInteger[] vector(long rowsA, long valuesA, long[] bucketsA, long rowsB) {
        BigInteger[] v = new BigInteger[LAYOUT.length()];
        java.util.Arrays.fill(v, BigInteger.ZERO);
        v[LAYOUT.rowsSlot(0)] = BigInteger.valueOf(rowsA);
        v[LAYOUT.countSlot(0, 0)] = BigInteger.valueOf(valuesA);
        v[LAYOUT.sumSlot(0, 0)] = BigInteger.valueOf(valuesA * 3);
        v[LAYOUT.sumOfSquaresSlot(0, 0)] = BigInteger.valueOf(valuesA * 9);
        for (int b = 0; b < 4; b++) {
            v[LAYOUT.bucketSlot(0, 0, b)] = BigInteger.valueOf(bucketsA[b]);
        }
        v[LAYOUT.rowsSlot(1)] = BigInteger.valueOf(rowsB);
        v[LAYOUT.countSlot(1, 0)] = BigInteger.valueOf(rowsB);
        v[LAYOUT.sumSlot(1, 0)] = BigInteger.valueOf(rowsB * 2);
        v[LAYOUT.bucketSlot(1, 0, 1)] = BigInteger.valueOf(rowsB);
        return v;
    }

    @Test
    void aSmallGroupReleasesNothingAndSmallBucketsAndValueCountsAreZeroed() {
        BigInteger[] out = CellSuppression.suppress(vector(40, 8, new long[] {0, 30, 9, 1}, 7), QUERY, 10);
        assertEquals(BigInteger.valueOf(40), out[LAYOUT.rowsSlot(0)]);
        assertEquals(BigInteger.ZERO, out[LAYOUT.countSlot(0, 0)], "8 values of x: below the minimum");
        assertEquals(BigInteger.ZERO, out[LAYOUT.sumSlot(0, 0)]);
        assertEquals(BigInteger.ZERO, out[LAYOUT.sumOfSquaresSlot(0, 0)]);
        assertEquals(BigInteger.valueOf(30), out[LAYOUT.bucketSlot(0, 0, 1)]);
        assertEquals(BigInteger.ZERO, out[LAYOUT.bucketSlot(0, 0, 2)]);
        assertEquals(BigInteger.ZERO, out[LAYOUT.bucketSlot(0, 0, 3)]);
        for (int s = LAYOUT.rowsSlot(1); s < LAYOUT.rowsSlot(1) + LAYOUT.groupStride(); s++) {
            assertEquals(BigInteger.ZERO, out[s], "group b has 7 rows: every slot of it is zeroed");
        }
        assertEquals(BigInteger.valueOf(47), CellSuppression.cohort(vector(40, 8, new long[] {0, 30, 9, 1}, 7), QUERY));
    }

    @Test
    void cellsAtTheMinimumAreReleasedUnchanged() {
        BigInteger[] v = vector(10, 10, new long[] {10, 0, 0, 0}, 10);
        BigInteger[] out = CellSuppression.suppress(v, QUERY, 10);
        assertEquals(v[LAYOUT.rowsSlot(1)], out[LAYOUT.rowsSlot(1)]);
        assertEquals(v[LAYOUT.sumSlot(0, 0)], out[LAYOUT.sumSlot(0, 0)]);
        assertArrayEquals(v, CellSuppression.suppress(v, QUERY, 0), "a minimum of 0 suppresses nothing");
    }

    @Test
    void underDpTheThresholdIsNoisyNotAnExactMembershipOracle() {
        // a cohort of exactly the minimum: with noise, some releases fall below the threshold and some do not
        AggregateQuery count = AggregateQuery.builder().measure(Measure.count()).build();
        PartialNoise noise = new PartialNoise(new DiscreteLaplace(new SecureRandom()));
        int refused = 0;
        int draws = 400;
        for (int i = 0; i < draws; i++) {
            BigInteger[] noisy = noise.apply(new BigInteger[] {BigInteger.TEN}, count, Map.<String, BigDecimal[]>of(), 500);
            refused += CellSuppression.cohort(noisy, count).compareTo(BigInteger.TEN) < 0 ? 1 : 0;
        }
        // discrete Laplace of scale 2: P(noise < 0) = e^{-1/2} / (1 + e^{-1/2}) ≈ 0.38
        assertTrue(refused > draws / 5 && refused < draws * 3 / 5, refused + " of " + draws + " refused");
    }
}
