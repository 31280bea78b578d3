package org.dirchain.node.privacy;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Exact sampler of the discrete Laplace distribution, P(x) ∝ exp(-|x|/scale) on the integers,
 * following Canonne, Kamath and Steinke, "The Discrete Gaussian for Differential Privacy"
 * (NeurIPS 2020), Algorithms 1 and 2. It uses only integer arithmetic and uniform integers from
 * {@link SecureRandom}, so it has none of the floating-point weaknesses of textbook Laplace
 * sampling (Mironov, CCS 2012). Adding DLap(Δ/ε) to an integer statistic of L1 sensitivity Δ is
 * ε-differentially private.
 */
public final class DiscreteLaplace {
    private final SecureRandom random;

    public DiscreteLaplace(SecureRandom random) {
        this.random = random;
    }

    /** A sample of DLap(num/den); num, den ≥ 1. */
    public BigInteger sample(BigInteger num, BigInteger den) {
        if (num.signum() <= 0 || den.signum() <= 0) {
            throw new IllegalArgumentException("scale must be positive, got " + num + "/" + den);
        }
        // scale = t/s with t = num, s = den (Algorithm 2)
        BigInteger t = num;
        BigInteger s = den;
        while (true) {
            BigInteger u = uniform(t);
            if (!bernoulliExp(u, t)) {
                continue;
            }
            BigInteger v = BigInteger.ZERO;
            while (bernoulliExp(BigInteger.ONE, BigInteger.ONE)) {
                v = v.add(BigInteger.ONE);
            }
            BigInteger y = u.add(t.multiply(v)).divide(s);
            boolean negative = random.nextBoolean();
            if (negative && y.signum() == 0) {
                continue;
            }
            return negative ? y.negate() : y;
        }
    }

    /**
     * Bernoulli(exp(-n/d)) for n ≥ 0, d ≥ 1 (Algorithm 1, with the γ > 1 reduction); also the
     * acceptance test of the discrete Gaussian sampler (their Algorithm 3).
     */
    public boolean bernoulliExp(BigInteger n, BigInteger d) {
        BigInteger[] whole = n.divideAndRemainder(d);
        for (BigInteger k = BigInteger.ZERO; k.compareTo(whole[0]) < 0; k = k.add(BigInteger.ONE)) {
            if (!bernoulliExpAtMostOne(BigInteger.ONE, BigInteger.ONE)) {
                return false;
            }
        }
        return bernoulliExpAtMostOne(whole[1], d);
    }

    /** Bernoulli(exp(-n/d)) for 0 ≤ n/d ≤ 1. */
    private boolean bernoulliExpAtMostOne(BigInteger n, BigInteger d) {
        BigInteger k = BigInteger.ONE;
        while (bernoulli(n, d.multiply(k))) {
            k = k.add(BigInteger.ONE);
        }
        return k.testBit(0);
    }

    /** Bernoulli(n/d) for 0 ≤ n ≤ d. */
    private boolean bernoulli(BigInteger n, BigInteger d) {
        return uniform(d).compareTo(n) < 0;
    }

    /** Uniform in [0, bound). */
    private BigInteger uniform(BigInteger bound) {
        BigInteger r;
        do {
            r = new BigInteger(bound.bitLength(), random);
        } while (r.compareTo(bound) >= 0);
        return r;
    }
}
