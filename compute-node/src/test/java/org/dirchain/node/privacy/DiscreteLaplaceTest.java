package org.dirchain.node.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class DiscreteLaplaceTest {
    private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed);
        return r;
    }

    /** Variance of DLap(t) is 2α/(1-α)² with α = exp(-1/t); the mean is 0 and the law symmetric. */
    @Test
    void momentsMatchTheDistribution() throws Exception {
        DiscreteLaplace dl = new DiscreteLaplace(seeded(42));
        int n = 40_000;
        double sum = 0;
        double sumSq = 0;
        int positive = 0;
        int negative = 0;
        for (int i = 0; i < n; i++) {
            long x = dl.sample(BigInteger.valueOf(5), BigInteger.TWO).longValueExact(); // scale 2.5
            sum += x;
            sumSq += (double) x * x;
            positive += x > 0 ? 1 : 0;
            negative += x < 0 ? 1 : 0;
        }
        double alpha = Math.exp(-1 / 2.5);
        double expectedVar = 2 * alpha / ((1 - alpha) * (1 - alpha));
        double mean = sum / n;
        double var = sumSq / n - mean * mean;
        assertEquals(0.0, mean, 0.1);
        assertEquals(expectedVar, var, expectedVar * 0.06, "variance " + var + " vs " + expectedVar);
        assertEquals(1.0, (double) positive / negative, 0.05);
        double p0 = (1 - alpha) / (1 + alpha);
        double zeros = n - positive - negative;
        assertEquals(p0, zeros / n, 0.015, "P(0) = (1-α)/(1+α)");
    }

    @Test
    void largeScalesAreSampledExactlyWithoutOverflow() throws Exception {
        DiscreteLaplace dl = new DiscreteLaplace(seeded(7));
        BigInteger scaleNum = BigInteger.TEN.pow(15);
        double absSum = 0;
        for (int i = 0; i < 2000; i++) {
            absSum += dl.sample(scaleNum, BigInteger.valueOf(3)).abs().doubleValue();
        }
        double meanAbs = absSum / 2000; // E|X| ≈ scale for large scales
        double scale = 1e15 / 3;
        assertTrue(meanAbs > 0.85 * scale && meanAbs < 1.15 * scale, "E|X| " + meanAbs + " vs " + scale);
    }

    @Test
    void bernoulliOfExpMatchesItsProbability() throws Exception {
        DiscreteLaplace dl = new DiscreteLaplace(seeded(3));
        int hits = 0;
        for (int i = 0; i < 50_000; i++) {
            hits += dl.bernoulliExp(BigInteger.valueOf(3), BigInteger.TWO) ? 1 : 0; // exp(-1.5)
        }
        assertEquals(Math.exp(-1.5), hits / 50_000.0, 0.006);
    }

    @Test
    void refusesNonPositiveScale() throws Exception {
        DiscreteLaplace dl = new DiscreteLaplace(seeded(1));
        assertThrows(IllegalArgumentException.class, () -> dl.sample(BigInteger.ZERO, BigInteger.ONE));
    }
}
