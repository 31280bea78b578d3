package org.dirchain.he;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Encodes signed decimal numbers as plaintext residues modulo {@code t}, the plaintext modulus.
 *
 * <p>A value {@code x} becomes the integer {@code v = round(x * s)} (half-even) with a fixed scale
 * {@code s = 10^d} ({@link #decimal}) or {@code s = 2^b} ({@link #binary}); {@code v >= 0} is
 * stored as {@code v}, {@code v < 0} as {@code t + v}, i.e. in the upper part of {@code Z_t}.
 *
 * <p><b>Range.</b> Encodable integers satisfy {@code |v| <= B = floor((t - 1) / 3)}. Decoding maps
 * {@code r <= B} to {@code r} and {@code r >= t - B} to {@code r - t}; residues in the middle
 * band {@code (B, t - B)} are reported as {@link FixedPointOverflowException}. The band is why
 * the range is a third and not a half: a homomorphic result whose exact value {@code V}
 * overflowed moderately ({@code B < |V| < t - B}) is detected instead of silently decoding with
 * the wrong sign. Only results with {@code |V| >= t - B} (about {@code 2t/3}) wrap undetected.
 *
 * <p><b>Homomorphic use.</b> Sums of values encoded by the same encoder decode correctly with it,
 * and so do products with integer scalars ({@link HomomorphicScheme#multiplyPlain}), as long as
 * the exact result stays within {@code ±B/s}. For a 2048-bit Paillier key {@code B ≈ 2^2046}, so
 * the limit is the overflow rule, not precision. Multiplying by a scalar that was itself scaled by
 * {@code s'} gives a result at scale {@code s * s'}; decode it with an encoder of that scale.
 */
public final class FixedPointEncoder {

  private static final BigInteger THREE = BigInteger.valueOf(3);

  private final BigInteger modulus;
  private final BigInteger bound;
  private final int radix;
  private final int fractionDigits;
  private final BigInteger scale;

  private FixedPointEncoder(BigInteger modulus, int radix, int fractionDigits) {
    Objects.requireNonNull(modulus, "modulus");
    if (modulus.compareTo(BigInteger.valueOf(7)) < 0) {
      throw new IllegalArgumentException("plaintext modulus too small for signed encoding: " + modulus);
    }
    if (fractionDigits < 0) {
      throw new IllegalArgumentException("fraction digits must be >= 0, got " + fractionDigits);
    }
    this.modulus = modulus;
    this.bound = modulus.subtract(BigInteger.ONE).divide(THREE);
    this.radix = radix;
    this.fractionDigits = fractionDigits;
    this.scale = BigInteger.valueOf(radix).pow(fractionDigits);
  }

  /** Scale {@code 10^fractionDigits}: exact for decimal inputs with at most that many digits. */
  public static FixedPointEncoder decimal(BigInteger plaintextModulus, int fractionDigits) {
    return new FixedPointEncoder(plaintextModulus, 10, fractionDigits);
  }

  /** Decimal scale for the plaintext space of {@code key}. */
  public static FixedPointEncoder decimal(HePublicKey key, int fractionDigits) {
    return decimal(key.plaintextModulus(), fractionDigits);
  }

  /** Scale {@code 2^fractionBits}: exact for binary floating-point inputs. */
  public static FixedPointEncoder binary(BigInteger plaintextModulus, int fractionBits) {
    return new FixedPointEncoder(plaintextModulus, 2, fractionBits);
  }

  /**
   * Encodes {@code value}, rounding half-even to the scale.
   *
   * @throws FixedPointOverflowException if the scaled value exceeds {@code B} in magnitude
   */
  public BigInteger encode(BigDecimal value) {
    Objects.requireNonNull(value, "value");
    BigInteger scaled =
        radix == 10
            ? value.setScale(fractionDigits, RoundingMode.HALF_EVEN).unscaledValue()
            : value.multiply(new BigDecimal(scale)).setScale(0, RoundingMode.HALF_EVEN).unscaledValue();
    return encodeScaled(scaled);
  }

  public BigInteger encode(long value) {
    return encodeScaled(BigInteger.valueOf(value).multiply(scale));
  }

  /** Encodes a finite double via its shortest decimal representation. */
  public BigInteger encode(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("cannot encode " + value);
    }
    return encode(BigDecimal.valueOf(value));
  }

  /** Encodes an integer that is already multiplied by the scale. */
  public BigInteger encodeScaled(BigInteger scaled) {
    if (scaled.abs().compareTo(bound) > 0) {
      throw new FixedPointOverflowException(
          "scaled value of " + scaled.bitLength() + " bits exceeds the encodable bound of "
              + bound.bitLength() + " bits (|v| <= (t-1)/3)");
    }
    return scaled.signum() >= 0 ? scaled : modulus.add(scaled);
  }

  /**
   * Decodes a residue (typically a decryption result).
   *
   * @throws FixedPointOverflowException if the residue lies in the overflow band
   */
  public BigDecimal decode(BigInteger residue) {
    BigInteger scaled = decodeScaled(residue);
    if (radix == 10) {
      return new BigDecimal(scaled, fractionDigits);
    }
    // 2^-b has a terminating decimal expansion, so this division is exact.
    return new BigDecimal(scaled).divide(new BigDecimal(scale));
  }

  /** Decodes to the signed integer {@code v}, i.e. the value times the scale. */
  public BigInteger decodeScaled(BigInteger residue) {
    if (residue.signum() < 0 || residue.compareTo(modulus) >= 0) {
      throw new PlaintextOutOfRangeException("residue is not in [0, plaintext modulus)");
    }
    if (residue.compareTo(bound) <= 0) {
      return residue;
    }
    BigInteger negative = residue.subtract(modulus);
    if (negative.negate().compareTo(bound) <= 0) {
      return negative;
    }
    throw new FixedPointOverflowException(
        "decoded residue lies in the overflow band (B, t-B): the exact result exceeded the "
            + "encodable range |v| <= (t-1)/3");
  }

  /** Largest encodable magnitude, in value units: {@code B / s}. */
  public BigDecimal maxMagnitude() {
    return decode(bound);
  }

  /** The integer bound {@code B = floor((t-1)/3)} on scaled values. */
  public BigInteger scaledBound() {
    return bound;
  }

  /** 10 or 2. */
  public int radix() {
    return radix;
  }

  public int fractionDigits() {
    return fractionDigits;
  }

  @Override
  public String toString() {
    return "FixedPointEncoder[scale=" + radix + "^" + fractionDigits + ", bound=2^"
        + bound.bitLength() + "]";
  }
}
