package org.dirchain.federated;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Doubles as fixed-point integers that add exactly under arithmetic mod 2^64, the arithmetic of
 * secure aggregation. Each value is rounded to a multiple of 2^-{@value #FRACTION_BITS}, written in
 * 144-bit two's complement and split into three 48-bit limbs, one per {@code long}. Limbs never carry:
 * up to {@value #MAX_PARTIES} parties' limbs add below 2^63, so the sum of the encodings decodes to the
 * exact sum of the rounded values. Values must stay below 2^{@value #MAX_MAGNITUDE_BITS} in magnitude.
 */
public final class FixedPointVector {

  public static final int FRACTION_BITS = 32;
  public static final int LIMBS = 3;
  public static final int MAX_PARTIES = 1 << 15;
  public static final int MAX_MAGNITUDE_BITS = 100;

  private static final int LIMB_BITS = 48;
  private static final long LIMB_MASK = (1L << LIMB_BITS) - 1;
  private static final int TOTAL_BITS = LIMB_BITS * LIMBS;
  private static final BigInteger MODULUS = BigInteger.ONE.shiftLeft(TOTAL_BITS);
  private static final BigInteger HALF = BigInteger.ONE.shiftLeft(TOTAL_BITS - 1);
  private static final double MAX_MAGNITUDE = Math.scalb(1.0, MAX_MAGNITUDE_BITS);
  private static final double LONG_SAFE = Math.scalb(1.0, 62);

  private FixedPointVector() {}

  /** The encoded length of a vector of {@code values} doubles. */
  public static int encodedLength(int values) {
    return values * LIMBS;
  }

  /**
   * @throws IllegalArgumentException if a value is not finite or too large, naming its index
   */
  public static long[] encode(double[] values) {
    long[] out = new long[encodedLength(values.length)];
    for (int i = 0; i < values.length; i++) {
      double x = values[i];
      if (!Double.isFinite(x) || Math.abs(x) >= MAX_MAGNITUDE) {
        throw new IllegalArgumentException("value " + i + " (" + x + ") is not finite or exceeds 2^"
            + MAX_MAGNITUDE_BITS + " in magnitude; it cannot be summed securely");
      }
      double scaled = Math.scalb(x, FRACTION_BITS);
      if (Math.abs(scaled) < LONG_SAFE) {
        long v = Math.round(scaled);
        out[i * LIMBS] = v & LIMB_MASK;
        out[i * LIMBS + 1] = (v >> LIMB_BITS) & LIMB_MASK; // arithmetic shift: sign extends
        out[i * LIMBS + 2] = (v >> 63) & LIMB_MASK;
      } else {
        BigInteger v = new BigDecimal(scaled).setScale(0, RoundingMode.HALF_EVEN).toBigInteger().mod(MODULUS);
        for (int k = 0; k < LIMBS; k++) {
          out[i * LIMBS + k] = v.shiftRight(k * LIMB_BITS).longValue() & LIMB_MASK;
        }
      }
    }
    return out;
  }

  /**
   * Decodes the sum of the encodings of at most {@link #MAX_PARTIES} vectors.
   *
   * @throws IllegalArgumentException if the length is not a multiple of {@link #LIMBS} or a limb is
   *     negative (a sum of more parties than supported, or a mask that was not removed)
   */
  public static double[] decode(long[] encoded) {
    if (encoded.length % LIMBS != 0) {
      throw new IllegalArgumentException("encoded length " + encoded.length + " is not a multiple of " + LIMBS);
    }
    double[] out = new double[encoded.length / LIMBS];
    for (int i = 0; i < out.length; i++) {
      BigInteger v = BigInteger.ZERO;
      for (int k = LIMBS - 1; k >= 0; k--) {
        long limb = encoded[i * LIMBS + k];
        if (limb < 0) {
          throw new IllegalArgumentException("limb " + k + " of value " + i + " is out of range: the vector is not a "
              + "sum of encodings (masks left in, or too many parties)");
        }
        v = v.shiftLeft(LIMB_BITS).add(BigInteger.valueOf(limb));
      }
      v = v.mod(MODULUS);
      if (v.compareTo(HALF) >= 0) {
        v = v.subtract(MODULUS);
      }
      out[i] = Math.scalb(v.doubleValue(), -FRACTION_BITS);
    }
    return out;
  }
}
