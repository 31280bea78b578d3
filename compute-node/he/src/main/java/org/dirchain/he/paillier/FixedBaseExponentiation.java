package org.dirchain.he.paillier;

import java.math.BigInteger;
import org.dirchain.he.paillier.RadixNArithmetic.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code base^e mod n^2} for one fixed base and exponents of at most {@code exponentBits} bits,
 * by the fixed-base windowing method (Brickell, Gordon, McCurley, Wilson, EUROCRYPT '92; HAC
 * §14.6.3): with {@code e = sum d_i 2^(w i)}, {@code base^e = prod T[i][d_i]} where
 * {@code T[i][d] = base^(d 2^(w i))} is precomputed. An exponentiation then costs
 * {@code ceil(exponentBits / w) - 1} multiplications and no squarings, against about
 * {@code 1.2 * exponentBits} operations for a plain {@code modPow}.
 *
 * <p>The table holds {@code ceil(exponentBits / w) * (2^w - 1)} residues in radix-n form
 * ({@link RadixNArithmetic}): for 448-bit exponents, {@code w = 10} and a 2048-bit n that is
 * 46,035 entries, about 30 MB. The sizes come from a public key, which is why keys are limited
 * to the sizes of {@link PaillierParameters} before one is built: at most about 136 MiB (3072-bit
 * n, 1536-bit exponents, w = 10). Lookups are indexed by the (secret) exponent digits; like
 * everything built on BigInteger this is not constant-time.
 */
final class FixedBaseExponentiation {

  private static final Logger log = LoggerFactory.getLogger(FixedBaseExponentiation.class);

  private final RadixNArithmetic arithmetic;
  private final int exponentBits;
  private final int windowBits;
  private final Element[][] table;

  FixedBaseExponentiation(BigInteger base, RadixNArithmetic arithmetic, int exponentBits, int windowBits) {
    if (windowBits < 1 || windowBits > 16) {
      throw new IllegalArgumentException("window bits must be in [1, 16], got " + windowBits);
    }
    if (exponentBits < 1) {
      throw new IllegalArgumentException("exponent bits must be positive, got " + exponentBits);
    }
    BigInteger n = arithmetic.n();
    if (base.signum() < 0 || base.compareTo(n.multiply(n)) >= 0) {
      throw new IllegalArgumentException("base must be in [0, n^2)");
    }
    this.arithmetic = arithmetic;
    this.exponentBits = exponentBits;
    this.windowBits = windowBits;
    long start = System.nanoTime();
    this.table = buildTable(arithmetic.split(base));
    log.debug(
        "fixed-base table built: modulusBits={} exponentBits={} windowBits={} entries={} millis={}",
        n.bitLength(), exponentBits, windowBits,
        (long) table.length * (table[0].length - 1), (System.nanoTime() - start) / 1_000_000);
  }

  private Element[][] buildTable(Element base) {
    int windows = (exponentBits + windowBits - 1) / windowBits;
    int digits = 1 << windowBits;
    Element[][] t = new Element[windows][digits];
    Element windowBase = base; // base^(2^(w i))
    for (int i = 0; i < windows; i++) {
      t[i][1] = windowBase;
      for (int d = 2; d < digits; d++) {
        t[i][d] = arithmetic.multiply(t[i][d - 1], windowBase);
      }
      windowBase = arithmetic.multiply(t[i][digits - 1], windowBase);
    }
    return t;
  }

  /** {@code base^e mod n^2} for {@code 0 <= e < 2^exponentBits}. */
  Element pow(BigInteger exponent) {
    if (exponent.signum() < 0 || exponent.bitLength() > exponentBits) {
      throw new IllegalArgumentException("exponent must be in [0, 2^" + exponentBits + ")");
    }
    byte[] bigEndian = exponent.toByteArray();
    byte[] littleEndian = new byte[(exponentBits + 7) / 8];
    for (int i = 0; i < littleEndian.length && i < bigEndian.length; i++) {
      littleEndian[i] = bigEndian[bigEndian.length - 1 - i];
    }
    return pow(littleEndian);
  }

  /**
   * {@code base^e mod n^2} with {@code e} given as little-endian bytes; bits at or above
   * {@code exponentBits} must be zero.
   */
  Element pow(byte[] exponentLittleEndian) {
    Element acc = null;
    for (int i = 0; i < table.length; i++) {
      int digit = digit(exponentLittleEndian, i * windowBits);
      if (digit == 0) {
        continue;
      }
      acc = acc == null ? table[i][digit] : arithmetic.multiply(acc, table[i][digit]);
    }
    return acc == null ? new Element(BigInteger.ONE, BigInteger.ZERO) : acc;
  }

  private int digit(byte[] le, int bitOffset) {
    int byteIndex = bitOffset >>> 3;
    // A window of at most 16 bits starting anywhere spans at most 3 bytes.
    int chunk = 0;
    for (int j = 2; j >= 0; j--) {
      int idx = byteIndex + j;
      chunk = (chunk << 8) | (idx < le.length ? le[idx] & 0xff : 0);
    }
    return (chunk >>> (bitOffset & 7)) & ((1 << windowBits) - 1);
  }
}
