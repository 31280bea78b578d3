package org.dirchain.he;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Encoding arithmetic without encryption: sums mod t stand in for homomorphic sums. */
class FixedPointEncoderTest {

  private static final BigInteger T = BigInteger.ONE.shiftLeft(2048).subtract(BigInteger.valueOf(159));
  private static final BigInteger SMALL_T = BigInteger.valueOf(1_000_003);

  @Test
  void decimalsRoundTripWithTheirSign() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(T, 4);
    for (String s : new String[] {"0", "1.5", "-1.5", "123456789.1234", "-0.0001", "-99999999999.9999"}) {
      BigDecimal value = new BigDecimal(s);
      assertEquals(0, value.compareTo(encoder.decode(encoder.encode(value))), s);
    }
  }

  @Test
  void negativesLiveInTheUpperPartOfTheResidueSpace() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(T, 2);
    assertEquals(T.subtract(BigInteger.valueOf(150)), encoder.encode(new BigDecimal("-1.50")));
    assertEquals(BigInteger.valueOf(150), encoder.encode(new BigDecimal("1.5")));
  }

  @Test
  void roundsHalfEvenToTheScale() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(T, 2);
    assertEquals(BigInteger.valueOf(12), encoder.encode(new BigDecimal("0.125")));
    assertEquals(BigInteger.valueOf(14), encoder.encode(new BigDecimal("0.135")));
    assertEquals(BigInteger.valueOf(10), encoder.encode(0.1));
  }

  @Test
  void binaryScaleIsExactForDyadicFractions() {
    FixedPointEncoder encoder = FixedPointEncoder.binary(T, 16);
    assertEquals(BigInteger.valueOf(3L << 13), encoder.encode(0.375));
    assertEquals(0, new BigDecimal("-2.375").compareTo(encoder.decode(encoder.encode(-2.375))));
  }

  @Test
  void sumsOfEncodedValuesDecodeToTheSum() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(T, 3);
    Random random = new Random(11);
    BigInteger acc = BigInteger.ZERO;
    BigDecimal expected = BigDecimal.ZERO;
    for (int i = 0; i < 1000; i++) {
      BigDecimal v = BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 3);
      expected = expected.add(v);
      acc = acc.add(encoder.encode(v)).mod(T);
    }
    assertEquals(0, expected.compareTo(encoder.decode(acc)));
  }

  @Test
  void integerScalarMultiplesDecodeToTheProduct() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(T, 2);
    BigInteger encoded = encoder.encode(new BigDecimal("-3.25"));
    assertEquals(new BigDecimal("22.75"), encoder.decode(encoded.multiply(BigInteger.valueOf(-7)).mod(T)));
  }

  @Test
  void encodingBeyondTheBoundIsRefused() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(SMALL_T, 0);
    BigInteger bound = SMALL_T.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3));
    assertEquals(bound, encoder.scaledBound());
    assertEquals(bound, encoder.encodeScaled(bound));
    assertThrows(FixedPointOverflowException.class, () -> encoder.encodeScaled(bound.add(BigInteger.ONE)));
    assertThrows(FixedPointOverflowException.class, () -> encoder.encodeScaled(bound.negate().subtract(BigInteger.ONE)));
    assertThrows(FixedPointOverflowException.class, () -> FixedPointEncoder.decimal(SMALL_T, 2).encode(4000));
  }

  @Test
  void overflowingSumsAreDetectedOnDecode() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(SMALL_T, 0);
    BigInteger max = encoder.encodeScaled(encoder.scaledBound());
    BigInteger overflowUp = max.add(encoder.encode(1)).mod(SMALL_T);
    FixedPointOverflowException e =
        assertThrows(FixedPointOverflowException.class, () -> encoder.decode(overflowUp));
    assertTrue(e.getMessage().contains("overflow band"), e.getMessage());
    BigInteger min = encoder.encodeScaled(encoder.scaledBound().negate());
    BigInteger overflowDown = min.add(encoder.encode(-1)).mod(SMALL_T);
    assertThrows(FixedPointOverflowException.class, () -> encoder.decode(overflowDown));
    assertEquals(BigDecimal.valueOf(-1), encoder.decode(encoder.encode(-1)));
  }

  @Test
  void residuesOutsideThePlaintextSpaceAreRejected() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(SMALL_T, 0);
    assertThrows(PlaintextOutOfRangeException.class, () -> encoder.decode(SMALL_T));
    assertThrows(PlaintextOutOfRangeException.class, () -> encoder.decode(BigInteger.valueOf(-1)));
  }

  @Test
  void maxMagnitudeIsTheBoundOverTheScale() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(SMALL_T, 2);
    assertEquals(new BigDecimal("3333.34"), encoder.maxMagnitude());
    assertThrows(IllegalArgumentException.class, () -> encoder.encode(Double.NaN));
  }
}
