package org.dirchain.he.paillier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.dirchain.he.FixedPointEncoder;
import org.dirchain.he.HeCiphertext;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HePublicKey;
import org.dirchain.he.PlaintextOutOfRangeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PaillierHomomorphismTest {

  private static final PaillierScheme scheme = TestKeys.SCHEME;
  private static HeKeyPair keys;
  private static HePublicKey pk;
  private static BigInteger n;
  private final Random values = new Random(20261125L);

  @BeforeAll
  static void keys() {
    keys = TestKeys.first();
    pk = keys.publicKey();
    n = pk.plaintextModulus();
  }

  private BigInteger decrypt(HeCiphertext c) {
    return scheme.decrypt(keys.secretKey(), c);
  }

  @Test
  void decryptsWhatWasEncryptedIncludingTheEdgesOfThePlaintextSpace() {
    for (BigInteger m : new BigInteger[] {
        BigInteger.ZERO, BigInteger.ONE, n.subtract(BigInteger.ONE), n.shiftRight(1),
        new BigInteger(2047, values), new BigInteger(64, values)}) {
      assertEquals(m, decrypt(scheme.encrypt(pk, m)));
    }
  }

  @Test
  void encryptionIsRandomized() {
    HeCiphertext a = scheme.encrypt(pk, BigInteger.TEN);
    HeCiphertext b = scheme.encrypt(pk, BigInteger.TEN);
    assertNotEquals(a, b);
    assertEquals(decrypt(a), decrypt(b));
  }

  @Test
  void sumOfCiphertextsDecryptsToSumOfSignedIntegers() {
    FixedPointEncoder integers = FixedPointEncoder.decimal(pk, 0);
    for (int i = 0; i < 10; i++) {
      long a = values.nextLong() / 2;
      long b = values.nextLong() / 2;
      HeCiphertext sum = scheme.add(scheme.encrypt(pk, integers.encode(a)), scheme.encrypt(pk, integers.encode(b)));
      assertEquals(BigDecimal.valueOf(a + b), integers.decode(decrypt(sum)), a + " + " + b);
    }
  }

  @Test
  void sumOfCiphertextsDecryptsToSumOfDecimals() {
    FixedPointEncoder cents = FixedPointEncoder.decimal(pk, 6);
    for (int i = 0; i < 10; i++) {
      BigDecimal a = randomDecimal(6);
      BigDecimal b = randomDecimal(6);
      HeCiphertext sum = scheme.add(scheme.encrypt(pk, cents.encode(a)), scheme.encrypt(pk, cents.encode(b)));
      assertEquals(0, a.add(b).compareTo(cents.decode(decrypt(sum))), a + " + " + b);
    }
  }

  @Test
  void sumOfManyCiphertexts() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(pk, 4);
    BigDecimal expected = BigDecimal.ZERO;
    HeCiphertext acc = scheme.encrypt(pk, encoder.encode(0));
    for (int i = 0; i < 100; i++) {
      BigDecimal v = randomDecimal(4);
      expected = expected.add(v);
      acc = scheme.add(acc, scheme.encrypt(pk, encoder.encode(v)));
    }
    assertEquals(0, expected.compareTo(encoder.decode(decrypt(acc))));
  }

  @Test
  void scalarMultiplicationByPositiveNegativeAndZeroIntegers() {
    FixedPointEncoder encoder = FixedPointEncoder.decimal(pk, 3);
    BigDecimal a = new BigDecimal("-1234.567");
    HeCiphertext c = scheme.encrypt(pk, encoder.encode(a));
    for (long k : new long[] {0, 1, -1, 7, -7, 1_000_003, -(1L << 40), values.nextInt()}) {
      BigDecimal product = encoder.decode(decrypt(scheme.multiplyPlain(c, BigInteger.valueOf(k))));
      assertEquals(0, a.multiply(BigDecimal.valueOf(k)).compareTo(product), "k = " + k);
    }
  }

  @Test
  void scalarMultiplicationOfRandomIntegers() {
    FixedPointEncoder integers = FixedPointEncoder.decimal(pk, 0);
    for (int i = 0; i < 5; i++) {
      BigInteger a = new BigInteger(500, values).subtract(BigInteger.ONE.shiftLeft(499));
      BigInteger k = new BigInteger(500, values).subtract(BigInteger.ONE.shiftLeft(499));
      HeCiphertext product = scheme.multiplyPlain(scheme.encrypt(pk, integers.encodeScaled(a)), k);
      assertEquals(a.multiply(k), integers.decodeScaled(decrypt(product)));
    }
  }

  @Test
  void linearCombinationOfEncryptedValues() {
    // 3a - 2b + c, the shape of a weighted aggregate.
    FixedPointEncoder encoder = FixedPointEncoder.decimal(pk, 2);
    BigDecimal a = new BigDecimal("10.25");
    BigDecimal b = new BigDecimal("-4.50");
    BigDecimal c = new BigDecimal("0.01");
    HeCiphertext result = scheme.add(
        scheme.add(
            scheme.multiplyPlain(scheme.encrypt(pk, encoder.encode(a)), BigInteger.valueOf(3)),
            scheme.multiplyPlain(scheme.encrypt(pk, encoder.encode(b)), BigInteger.valueOf(-2))),
        scheme.encrypt(pk, encoder.encode(c)));
    assertEquals(new BigDecimal("39.76"), encoder.decode(decrypt(result)));
  }

  @Test
  void rerandomizationKeepsThePlaintextAndChangesTheCiphertext() {
    HeCiphertext c = scheme.encrypt(pk, BigInteger.valueOf(42));
    HeCiphertext fresh = scheme.rerandomize(c);
    assertNotEquals(c, fresh);
    assertEquals(BigInteger.valueOf(42), decrypt(fresh));
  }

  @Test
  void plaintextsOutsideZnAreRejected() {
    assertThrows(PlaintextOutOfRangeException.class, () -> scheme.encrypt(pk, BigInteger.valueOf(-1)));
    assertThrows(PlaintextOutOfRangeException.class, () -> scheme.encrypt(pk, n));
  }

  private BigDecimal randomDecimal(int digits) {
    long unscaled = values.nextLong() % 1_000_000_000_000L;
    return BigDecimal.valueOf(unscaled, digits);
  }
}
