package org.dirchain.node.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Exact sampler of the discrete Gaussian N_Z(0, σ²), P(x) ∝ exp(−x²/(2σ²)) on the integers, for a
 * rational σ², following Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential
 * Privacy" (NeurIPS 2020), Algorithm 3: draw Y from the discrete Laplace of scale t = ⌊σ⌋ + 1
 * ({@link DiscreteLaplace}, their Algorithm 2) and keep it with probability
 * exp(−(|Y| − σ²/t)²/(2σ²)) (their Algorithm 1), else draw again. Integer arithmetic and uniform
 * integers from {@link SecureRandom} only: no floating point touches the noise, so it has none of
 * the side channels of textbook Gaussian sampling (Mironov, CCS 2012).
 *
 * <p>Adding N_Z(0, σ²) to each coordinate of an integer vector statistic whose L2 sensitivity is Δ
 * is Δ²/(2σ²)-zero-concentrated DP (CKS 2020, Theorem 4 for one coordinate, and the paper's
 * multivariate form of it for independent coordinates; arXiv:2004.00010).
 */
public final class DiscreteGaussian {
    private final DiscreteLaplace laplace;

    public DiscreteGaussian(SecureRandom random) {
        this.laplace = new DiscreteLaplace(random);
    }

    /** A sample of N_Z(0, σ²). */
    public BigInteger sample(Variance sigmaSquared) {
        return sample(sigmaSquared.numerator(), sigmaSquared.denominator());
    }

    /** A sample of N_Z(0, num/den); num, den ≥ 1. */
    public BigInteger sample(BigInteger num, BigInteger den) {
        if (num.signum() <= 0 || den.signum() <= 0) {
            throw new IllegalArgumentException("the variance must be positive, got " + num + "/" + den);
        }
        BigInteger t = num.divide(den).sqrt().add(BigInteger.ONE); // ⌊σ⌋ + 1, as ⌊√⌊σ²⌋⌋ = ⌊σ⌋
        // (|Y| − σ²/t)² / (2σ²) with σ² = num/den is (|Y|·den·t − num)² / (2·num·den·t²).
        BigInteger denT = den.multiply(t);
        BigInteger acceptDen = BigInteger.TWO.multiply(num).multiply(denT).multiply(t);
        while (true) {
            BigInteger y = laplace.sample(t, BigInteger.ONE);
            BigInteger gap = y.abs().multiply(denT).subtract(num);
            if (laplace.bernoulliExp(gap.multiply(gap), acceptDen)) {
                return y;
            }
        }
    }
}
