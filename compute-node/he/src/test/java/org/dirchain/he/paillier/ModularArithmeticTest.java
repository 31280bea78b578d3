package org.dirchain.he.paillier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The building blocks of fast encryption against plain BigInteger arithmetic. */
class ModularArithmeticTest {

  private final Random random = new Random(7);

  @ParameterizedTest
  @ValueSource(ints = {8, 9, 63, 64, 65, 1023, 2048, 4095, 4096})
  void barrettMultiplicationEqualsMultiplyThenMod(int bits) {
    BigInteger m = new BigInteger(bits, random).setBit(bits - 1);
    BarrettReducer reducer = new BarrettReducer(m);
    for (int i = 0; i < 200; i++) {
      BigInteger a = new BigInteger(bits, random).mod(m);
      BigInteger b = new BigInteger(bits, random).mod(m);
      assertEquals(a.multiply(b).mod(m), reducer.multiply(a, b));
    }
    BigInteger max = m.subtract(BigInteger.ONE);
    assertEquals(max.multiply(max).mod(m), reducer.multiply(max, max));
    assertEquals(BigInteger.ZERO, reducer.multiply(BigInteger.ZERO, max));
  }

  @Test
  void barrettReductionFallsBackForOutOfRangeInputs() {
    BigInteger m = BigInteger.valueOf(1_000_003);
    BarrettReducer reducer = new BarrettReducer(m);
    BigInteger huge = BigInteger.ONE.shiftLeft(100).add(BigInteger.valueOf(12345));
    assertEquals(huge.mod(m), reducer.reduce(huge));
    assertEquals(BigInteger.valueOf(-5).mod(m), reducer.reduce(BigInteger.valueOf(-5)));
  }

  @Test
  void radixNMultiplicationEqualsMultiplyThenModNSquared() {
    BigInteger n = BigInteger.probablePrime(1024, random).multiply(BigInteger.probablePrime(1024, random));
    BigInteger n2 = n.multiply(n);
    RadixNArithmetic arithmetic = new RadixNArithmetic(new BarrettReducer(n));
    BigInteger max = n2.subtract(BigInteger.ONE);
    assertEquals(max.multiply(max).mod(n2),
        arithmetic.join(arithmetic.multiply(arithmetic.split(max), arithmetic.split(max))));
    for (int i = 0; i < 200; i++) {
      BigInteger a = new BigInteger(4096, random).mod(n2);
      BigInteger b = new BigInteger(4096, random).mod(n2);
      RadixNArithmetic.Element product = arithmetic.multiply(arithmetic.split(a), arithmetic.split(b));
      assertEquals(a.multiply(b).mod(n2), arithmetic.join(product));
      assertTrue(product.lo().compareTo(n) < 0 && product.hi().compareTo(n) < 0);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8, 10, 12})
  void fixedBaseExponentiationEqualsModPow(int windowBits) {
    BigInteger n = BigInteger.probablePrime(256, random).multiply(BigInteger.probablePrime(256, random));
    BigInteger n2 = n.multiply(n);
    RadixNArithmetic arithmetic = new RadixNArithmetic(new BarrettReducer(n));
    BigInteger base = new BigInteger(1100, random).mod(n2);
    int exponentBits = 100;
    FixedBaseExponentiation powers =
        new FixedBaseExponentiation(base, arithmetic, exponentBits, windowBits);
    BigInteger allOnes = BigInteger.ONE.shiftLeft(exponentBits).subtract(BigInteger.ONE);
    for (BigInteger e : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, allOnes,
        BigInteger.ONE.shiftLeft(exponentBits - 1), new BigInteger(exponentBits, random)}) {
      assertEquals(base.modPow(e, n2), arithmetic.join(powers.pow(e)), "e = " + e);
    }
    for (int i = 0; i < 20; i++) {
      BigInteger e = new BigInteger(exponentBits, random);
      assertEquals(base.modPow(e, n2), arithmetic.join(powers.pow(e)));
    }
  }

  @Test
  void fixedBaseExponentiationRejectsTooLongExponents() {
    RadixNArithmetic arithmetic = new RadixNArithmetic(new BarrettReducer(BigInteger.valueOf(1_000_003)));
    FixedBaseExponentiation powers = new FixedBaseExponentiation(BigInteger.TWO, arithmetic, 16, 4);
    assertThrows(IllegalArgumentException.class, () -> powers.pow(BigInteger.ONE.shiftLeft(16)));
    assertThrows(IllegalArgumentException.class, () -> powers.pow(BigInteger.valueOf(-1)));
  }

  @Test
  void shortcutForGToTheMTimesRandomizerMatchesTheDirectProduct() {
    PaillierPublicKey pk = (PaillierPublicKey) TestKeys.first().publicKey();
    BigInteger n = pk.n();
    BigInteger n2 = pk.nSquared();
    for (int i = 0; i < 5; i++) {
      BigInteger m = new BigInteger(2047, random);
      BigInteger r = new BigInteger(4095, random).mod(n2);
      BigInteger direct = BigInteger.ONE.add(m.multiply(n)).multiply(r).mod(n2);
      assertEquals(direct, pk.encrypt(m, pk.radixN().split(r)));
    }
  }

  @Test
  void barrettQuotientIsExactUpToFourTimesTheSquareOfTheModulus() {
    BigInteger m = BigInteger.probablePrime(2048, random);
    BarrettReducer reducer = new BarrettReducer(m);
    for (int i = 0; i < 200; i++) {
      BigInteger x = new BigInteger(4098, random);
      assertArrayEquals(x.divideAndRemainder(m), reducer.quotientAndRemainder(x));
      assertEquals(x.mod(m), reducer.reduce(x));
    }
  }
}
