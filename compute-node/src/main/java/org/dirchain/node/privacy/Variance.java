package org.dirchain.node.privacy;

import java.math.BigInteger;

/**
 * A noise variance as an exact positive rational {@code numerator/denominator}, the form the
 * discrete Gaussian sampler takes.
 */
public record Variance(BigInteger numerator, BigInteger denominator) {

    /** Significant bits kept when a computed variance is turned into a rational. */
    static final int PRECISION_BITS = 40;
    /** What is added on top, in units of the last kept bit: at least 2^-30 of the value. */
    private static final long MARGIN_UNITS = 1L << (PRECISION_BITS - 30 + 1);

    public Variance {
        if (numerator.signum() <= 0 || denominator.signum() <= 0) {
            throw new IllegalArgumentException("a variance is a positive rational, got " + numerator + "/" + denominator);
        }
    }

    /**
     * The smallest rational of {@value #PRECISION_BITS} significant bits that is at least
     * {@code computed}·(1 + 2^-30). A variance computed in floating point (from ε, δ and a log) is
     * off by a few ulps, about 10^-15 relative; rounding up by a relative 2^-30 ≈ 10^-9, a million
     * times that, makes the noise drawn at least as large as the accounting assumes, never smaller.
     *
     * @throws IllegalArgumentException if {@code computed} is not a positive finite number
     */
    public static Variance atLeast(double computed) {
        if (!(computed > 0) || !Double.isFinite(computed)) {
            throw new IllegalArgumentException("a variance must be positive and finite, got " + computed);
        }
        int shift = PRECISION_BITS - Math.getExponent(computed); // computed·2^shift in [2^40, 2^41)
        // Scaling by a power of two is exact; ceil and the margin only ever go up.
        BigInteger scaled = BigInteger.valueOf((long) Math.ceil(Math.scalb(computed, shift)) + MARGIN_UNITS);
        return shift >= 0 ? new Variance(scaled, BigInteger.ONE.shiftLeft(shift))
                : new Variance(scaled.shiftLeft(-shift), BigInteger.ONE);
    }

    /** The variance as a double, for reporting. */
    public double value() {
        return new java.math.BigDecimal(numerator).divide(new java.math.BigDecimal(denominator),
                java.math.MathContext.DECIMAL64).doubleValue();
    }
}
