package org.dirchain.he.paillier;

import java.math.BigInteger;

/**
 * Reduction modulo one fixed modulus {@code m} of {@code k} bits, faster than {@link
 * BigInteger#mod}, which runs a general long division.
 *
 * <p>Barrett reduction (Menezes, van Oorschot, Vanstone, <i>Handbook of Applied Cryptography</i>,
 * Alg. 14.42) replaces the division by two multiplications, which the JDK runs on intrinsics.
 * {@link #reduce} first folds the bits above {@code 3k/2} down with {@code 2^(3k/2) mod m}
 * (Hasenplaugh, Gaubatz, Gopal, "Fast modular reduction", ARITH 2007), so that the Barrett
 * multiplications have a half-size operand. Variable-time, like BigInteger.
 */
final class BarrettReducer {

  private final BigInteger modulus;
  private final int k;
  private final int foldShift;
  private final BigInteger foldFactor;
  private final BigInteger mu;

  BarrettReducer(BigInteger modulus) {
    if (modulus.signum() <= 0 || modulus.bitLength() < 8) {
      throw new IllegalArgumentException("modulus must be a positive integer of at least 8 bits");
    }
    this.modulus = modulus;
    this.k = modulus.bitLength();
    this.foldShift = k + k / 2;
    this.foldFactor = BigInteger.ONE.shiftLeft(foldShift).mod(modulus);
    this.mu = BigInteger.ONE.shiftLeft(2 * k).divide(modulus);
  }

  BigInteger modulus() {
    return modulus;
  }

  /** {@code a * b mod m} for {@code a, b} in {@code [0, m)}. */
  BigInteger multiply(BigInteger a, BigInteger b) {
    return reduce(a.multiply(b));
  }

  /**
   * {@code x mod m}; fast for {@code 0 <= x < 2^(2k+2)}, other inputs fall back to {@link
   * BigInteger#mod}.
   */
  BigInteger reduce(BigInteger x) {
    if (x.signum() < 0 || x.bitLength() > 2 * k + 2) {
      return x.mod(modulus);
    }
    BigInteger folded = x;
    if (folded.bitLength() > foldShift) {
      BigInteger high = folded.shiftRight(foldShift);
      // high < 2^(k/2 + 3) and foldFactor < m, so the result stays below 2^(3k/2 + 4) < 2^(2k).
      folded = high.multiply(foldFactor).add(folded.subtract(high.shiftLeft(foldShift)));
    }
    return quotientAndRemainder(folded)[1];
  }

  /**
   * {@code {x / m, x mod m}} for {@code 0 <= x < 2^(2k+2)}. Barrett's quotient estimate is at
   * most a few units low (two for {@code x < 2^(2k)}), never high, so a short correction loop
   * finishes the job.
   */
  BigInteger[] quotientAndRemainder(BigInteger x) {
    if (x.signum() < 0 || x.bitLength() > 2 * k + 2) {
      return x.divideAndRemainder(modulus);
    }
    BigInteger q = x.shiftRight(k - 1).multiply(mu).shiftRight(k + 1);
    BigInteger r = x.subtract(q.multiply(modulus));
    while (r.compareTo(modulus) >= 0) {
      r = r.subtract(modulus);
      q = q.add(BigInteger.ONE);
    }
    return new BigInteger[] {q, r};
  }
}
