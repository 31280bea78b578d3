package org.dirchain.he.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.dirchain.he.HePublicKey;
import org.dirchain.he.InvalidHeKeyException;
import org.dirchain.he.KeyFingerprint;

/**
 * Paillier public key {@code (n, hs)} with {@code g = n + 1} and {@code hs = (-x^2)^n mod n^2}.
 *
 * <p>Encryption is {@code c = (1 + m n) * hs^α mod n^2} with a short uniformly random
 * {@code α} of {@link #randomizerBits()} bits; see {@link PaillierScheme} for the technique and
 * its security assumption. The fixed-base table for {@code hs^α} is built on first use (under a
 * second and ~30 MB at the defaults) and kept with the key, so reuse key objects rather than
 * deserializing a key per operation.
 */
public final class PaillierPublicKey implements HePublicKey {

  private static final BigInteger SMALL_PRIMES_PRODUCT = smallPrimesProduct(2000);

  private final BigInteger n;
  private final BigInteger nSquared;
  private final BigInteger hs;
  private final int randomizerBits;
  private final int windowBits;
  private final KeyFingerprint fingerprint;
  private final RadixNArithmetic radixN;
  private final BarrettReducer modNSquared;
  private final Object hsPowersLock = new Object();
  private volatile FixedBaseExponentiation hsPowers;

  private PaillierPublicKey(BigInteger n, BigInteger hs, int randomizerBits, int windowBits) {
    this.n = n;
    this.nSquared = n.multiply(n);
    this.hs = hs;
    this.randomizerBits = randomizerBits;
    this.windowBits = windowBits;
    this.fingerprint = PaillierCodec.fingerprint(n, hs);
    this.radixN = new RadixNArithmetic(new BarrettReducer(n));
    this.modNSquared = new BarrettReducer(nSquared);
  }

  /**
   * Validates and builds a public key. Checks what can be checked without the factors: a
   * supported size and randomizer length (first, {@link PaillierParameters#requireSupported}),
   * oddness, no small factors, not a prime or a square, {@code hs} a unit other than ±1. Whether
   * {@code hs} is an n-th residue cannot be checked publicly (that is the DCR problem); a key
   * owner who publishes a bad {@code hs} only breaks decryption under their own key.
   */
  static PaillierPublicKey create(BigInteger n, BigInteger hs, int randomizerBits, int windowBits) {
    Objects.requireNonNull(n, "n");
    Objects.requireNonNull(hs, "hs");
    int bits = n.bitLength();
    if (n.signum() <= 0) {
      throw new InvalidHeKeyException("Paillier modulus is not positive");
    }
    PaillierParameters.requireSupported(bits, randomizerBits); // first: the checks below grow with |n|
    if (!n.testBit(0)) {
      throw new InvalidHeKeyException("Paillier modulus is even");
    }
    if (!n.gcd(SMALL_PRIMES_PRODUCT).equals(BigInteger.ONE)) {
      throw new InvalidHeKeyException("Paillier modulus has a small prime factor");
    }
    BigInteger root = n.sqrt();
    if (root.multiply(root).equals(n)) {
      throw new InvalidHeKeyException("Paillier modulus is a perfect square (p = q)");
    }
    if (n.isProbablePrime(2)) {
      throw new InvalidHeKeyException("Paillier modulus is prime");
    }
    BigInteger nSquared = n.multiply(n);
    if (hs.compareTo(BigInteger.ONE) <= 0 || hs.compareTo(nSquared) >= 0) {
      throw new InvalidHeKeyException("hs is not in (1, n^2)");
    }
    if (hs.equals(nSquared.subtract(BigInteger.ONE))) {
      throw new InvalidHeKeyException("hs = -1 has order 2 and would not hide plaintexts");
    }
    if (!hs.gcd(n).equals(BigInteger.ONE)) {
      throw new InvalidHeKeyException("hs shares a factor with n");
    }
    return new PaillierPublicKey(n, hs, randomizerBits, windowBits);
  }

  @Override
  public String scheme() {
    return PaillierScheme.NAME;
  }

  @Override
  public KeyFingerprint fingerprint() {
    return fingerprint;
  }

  @Override
  public BigInteger plaintextModulus() {
    return n;
  }

  /** Bit length of {@code n}. */
  public int modulusBits() {
    return n.bitLength();
  }

  /** Bit length of the random exponent α used by encryptors of this key. */
  public int randomizerBits() {
    return randomizerBits;
  }

  BigInteger n() {
    return n;
  }

  BigInteger nSquared() {
    return nSquared;
  }

  BigInteger hs() {
    return hs;
  }

  /** {@code hs^α mod n^2} for a fresh uniform α in {@code [0, 2^randomizerBits)}. */
  RadixNArithmetic.Element randomizer(SecureRandom random) {
    byte[] alpha = new byte[(randomizerBits + 7) / 8];
    random.nextBytes(alpha);
    int excessBits = alpha.length * 8 - randomizerBits;
    alpha[alpha.length - 1] &= (byte) (0xff >>> excessBits); // little-endian: last byte is the top
    return hsPowers().pow(alpha);
  }

  /** {@code hs^α mod n^2} for a given α; deterministic hook for known-answer tests. */
  RadixNArithmetic.Element randomizer(BigInteger alpha) {
    return hsPowers().pow(alpha);
  }

  /**
   * {@code (1 + m n) r mod n^2} for {@code r = r0 + r1 n}: expanding, {@code r0 + (r1 + m r0) n}
   * modulo {@code n^2}, so one {@code |n|}-bit product and one reduction mod n suffice.
   */
  BigInteger encrypt(BigInteger m, RadixNArithmetic.Element r) {
    BigInteger high = radixN.modN().reduce(m.multiply(r.lo()).add(r.hi()));
    return high.multiply(n).add(r.lo());
  }

  /** The value of a radix-n element. */
  BigInteger join(RadixNArithmetic.Element e) {
    return radixN.join(e);
  }

  RadixNArithmetic radixN() {
    return radixN;
  }

  /** {@code a b mod n^2}: homomorphic addition. */
  BigInteger multiplyModNSquared(BigInteger a, BigInteger b) {
    return modNSquared.multiply(a, b);
  }

  private FixedBaseExponentiation hsPowers() {
    FixedBaseExponentiation powers = hsPowers;
    if (powers == null) {
      synchronized (hsPowersLock) {
        powers = hsPowers;
        if (powers == null) {
          powers = new FixedBaseExponentiation(hs, radixN, randomizerBits, windowBits);
          hsPowers = powers;
        }
      }
    }
    return powers;
  }

  private static BigInteger smallPrimesProduct(int limit) {
    BigInteger product = BigInteger.ONE;
    for (int candidate = 2; candidate < limit; candidate++) {
      if (BigInteger.valueOf(candidate).isProbablePrime(30)) {
        product = product.multiply(BigInteger.valueOf(candidate));
      }
    }
    return product;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaillierPublicKey other
        && n.equals(other.n)
        && hs.equals(other.hs)
        && randomizerBits == other.randomizerBits;
  }

  @Override
  public int hashCode() {
    return fingerprint.hashCode();
  }

  @Override
  public String toString() {
    return "PaillierPublicKey[bits=" + n.bitLength() + ", randomizerBits=" + randomizerBits
        + ", fingerprint=" + fingerprint + "]";
  }
}
