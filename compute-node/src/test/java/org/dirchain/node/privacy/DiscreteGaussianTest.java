package org.dirchain.node.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * The sampler draws N_Z(0, σ²): its frequencies, mean and variance match the distribution's exact
 * ones. Every tolerance is {@value #Z} standard errors of the estimate at the sample size drawn
 * (a false alarm about once in 3·10^6 per check; the seeded draws make each run the same).
 */
class DiscreteGaussianTest {
    private static final double Z = 5;

    private static SecureRandom seeded(long seed) throws NoSuchAlgorithmException {
        SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
        r.setSeed(seed);
        return r;
    }

    /** P(x) of N_Z(0, σ²) for |x| ≤ maxAbs, normalised over |x| ≤ 60σ + 60 (the rest is below 10^-700). */
    private static double[] pmf(double sigma2, int maxAbs) {
        int tail = (int) (60 * Math.sqrt(sigma2)) + 60;
        double norm = 0;
        for (int x = -tail; x <= tail; x++) {
            norm += Math.exp(-(double) x * x / (2 * sigma2));
        }
        double[] p = new double[2 * maxAbs + 1];
        for (int x = -maxAbs; x <= maxAbs; x++) {
            p[x + maxAbs] = Math.exp(-(double) x * x / (2 * sigma2)) / norm;
        }
        return p;
    }

    /** At σ² = 1/2 the lattice matters (the variance is not σ²): each frequency, the mean and the variance match the exact law. */
    @Test
    void aSmallVarianceMatchesTheExactProbabilities() throws Exception {
        DiscreteGaussian g = new DiscreteGaussian(seeded(42));
        int n = 40_000;
        int maxAbs = 12;
        long[] counts = new long[2 * maxAbs + 1];
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            int x = g.sample(BigInteger.ONE, BigInteger.TWO).intValueExact();
            assertTrue(Math.abs(x) <= maxAbs, "a draw of " + x + " at sigma² = 1/2");
            counts[x + maxAbs]++;
            sum += x;
            sumSq += (double) x * x;
        }
        double[] p = pmf(0.5, maxAbs);
        double variance = 0;
        double fourth = 0;
        for (int x = -maxAbs; x <= maxAbs; x++) {
            variance += (double) x * x * p[x + maxAbs];
            fourth += Math.pow(x, 4) * p[x + maxAbs];
        }
        for (int x = -3; x <= 3; x++) {
            double q = p[x + maxAbs];
            assertEquals(q, counts[x + maxAbs] / (double) n, Z * Math.sqrt(q * (1 - q) / n), "P(" + x + ")");
        }
        double mean = sum / n;
        assertEquals(0, mean, Z * Math.sqrt(variance / n), "mean");
        assertEquals(variance, sumSq / n - mean * mean, Z * Math.sqrt((fourth - variance * variance) / n), "variance");
    }

    /** σ² = (10^12 + 7)/3, far beyond a double's exact integers once squared: mean 0 and variance σ². */
    @Test
    void aLargeRationalVarianceGivesThatVariance() throws Exception {
        DiscreteGaussian g = new DiscreteGaussian(seeded(7));
        BigInteger num = BigInteger.TEN.pow(12).add(BigInteger.valueOf(7));
        BigInteger den = BigInteger.valueOf(3);
        double sigma2 = new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL64).doubleValue();
        int n = 20_000;
        BigInteger sum = BigInteger.ZERO;
        BigInteger sumSq = BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            BigInteger x = g.sample(num, den);
            sum = sum.add(x);
            sumSq = sumSq.add(x.multiply(x));
        }
        double mean = sum.doubleValue() / n;
        double variance = sumSq.doubleValue() / n - mean * mean;
        // At this σ the lattice no longer shows (the variance is σ² up to a factor of order exp(−2π²σ²)):
        // the standard error of the sample variance is σ²·√(2/n), as for a Gaussian.
        assertEquals(0, mean, Z * Math.sqrt(sigma2 / n), "mean");
        assertEquals(sigma2, variance, Z * sigma2 * Math.sqrt(2.0 / n), "variance");
    }

    @Test
    void itDrawsUniformBitsOnlyNeverFloatingPoint() {
        IntegerOnlyRandom random = new IntegerOnlyRandom();
        DiscreteGaussian g = new DiscreteGaussian(random);
        for (int i = 0; i < 2_000; i++) {
            g.sample(BigInteger.valueOf(7), BigInteger.valueOf(3));
            g.sample(Variance.atLeast(1e20));
        }
        assertTrue(random.bytesDrawn() > 0);
    }

    @Test
    void refusesAVarianceThatIsNotAPositiveRational() {
        DiscreteGaussian g = new DiscreteGaussian(new SecureRandom());
        assertThrows(IllegalArgumentException.class, () -> g.sample(BigInteger.ZERO, BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> g.sample(BigInteger.valueOf(-4), BigInteger.ONE));
        assertThrows(IllegalArgumentException.class, () -> g.sample(BigInteger.ONE, BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> g.sample(BigInteger.ONE, BigInteger.valueOf(-2)));
        assertThrows(IllegalArgumentException.class, () -> new Variance(BigInteger.ONE, BigInteger.ZERO));
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> Variance.atLeast(bad), "variance " + bad);
        }
    }

    /** A variance computed in floating point becomes a rational at least 2^-30 above it, and not much more. */
    @Test
    void aComputedVarianceIsRoundedUpToARational() {
        BigDecimal margin = BigDecimal.ONE.add(new BigDecimal(Math.scalb(1.0, -30)));
        BigDecimal most = BigDecimal.ONE.add(new BigDecimal(Math.scalb(1.0, -28)));
        for (double x : new double[] {1e-3, 0.5, 589.6, 3.1e18, Math.scalb(1.0, 48) / 1.3e-4, 1e30}) {
            Variance v = Variance.atLeast(x);
            BigDecimal exact = new BigDecimal(v.numerator()).divide(new BigDecimal(v.denominator()), MathContext.DECIMAL128);
            assertTrue(exact.compareTo(new BigDecimal(x).multiply(margin)) >= 0, x + " -> " + exact);
            assertTrue(exact.compareTo(new BigDecimal(x).multiply(most)) <= 0, x + " -> " + exact);
        }
    }
}
