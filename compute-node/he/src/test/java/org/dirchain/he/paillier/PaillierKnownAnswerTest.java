package org.dirchain.he.paillier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.dirchain.he.KeyFingerprint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the scheme against values computed here independently, with textbook formulas and
 * plain BigInteger arithmetic, for a fixed 2048-bit key.
 */
class PaillierKnownAnswerTest {

  // Fixed 1024-bit primes, p ≡ q ≡ 3 (mod 4), gcd(p-1, q-1) = 2, pq of exactly 2048 bits.
  private static final BigInteger P = hex(
      "ee956c44da01b2a618dce29aa550890ff049a3fc20a596d0baacf4d00fc1bd4650a7df95c7f9b362a90dd4bd08bffc87"
          + "1bd9defb32f0803b131ff5cc296b80ec5aa3bf48bf0e910171624b3bb2fcf7381394ff563e28f849af1c40137672"
          + "7097b33fca02d47c0ff65bee318575f66e6b3289b84f9b67836db58c67780791ddff");
  private static final BigInteger Q = hex(
      "e621554cc3d39b5fc4fd72f5508976a58ca16d1f3cc39992f47a6c57785af83e86ed31cfe8bf6570a0c8c05528e92bff"
          + "17cf33d164ec8e3a7a5f65f2581fe934a6d224c5f8610eba238c7300d3f05e6fff280e1c51c8efc66cf2c0b11bcb"
          + "cb78d95bd3f09b9a32c33fad523d0bb62455120d1ab47ca61a0ce6dcf9141e2fb79b");
  /** x in h = -x^2 mod n. */
  private static final BigInteger X = hex(
      "a65abdea0d8380dedb73943ae2e534e137cc5dcd32301a32d6829856086381fe4e61336478bd692b2117c0eca6ef2f2c"
          + "62f99812bef88edd306c9ebe062ef1f1f65a6cf99881bc0cc71b1c3d080d72d74ddf26e4c3140aac466094f353bd"
          + "fd05f38d72bd0e9e6619d7ac3772301b07c4ec16adb4df3ce5251084518a1249ff32b74afea0dd30d477ea4b0586"
          + "17993ed4081643ae9c4bb27294c4bd5db58d0e6a40891834380be90ffa2ddad8beca4ff6877cf9065bb86e6215d0"
          + "1483575efa9d46983a06c565b77b7494f9f8b3e592b559ac26037804bfc7783fa5e4fec435414090b5b91d8a04ac"
          + "ad369dba1be3cfa1b7b1fb4ff91b3e2d5e0265f42fc330");
  /** A 448-bit α. */
  private static final BigInteger ALPHA = hex(
      "9e41351731038124609314808f0f381e1c600e0f9ad5efc97e2803e615d0c9e1410e5e13f356358e9d2948c66f96f030"
          + "8018a389cb8314be");
  /** Textbook randomness r in Z*_n. */
  private static final BigInteger R = hex(
      "39476fb734173c3c54dd7bfe33cb3405d458a65c42576c0ebe2099a48fbdd4b0399a9cf8d9a7ffc352454d20560ed503"
          + "c7150c1ea4298b70e3ba1b7bf2b6df0ae1b25ee4f47379a57d6d364b3250182d4d91f2d0d2390a6bb43914536958"
          + "69cff524ae317d0b8a41c48282ad2f3c0ebb8801b0370c7b9460990f24043c8d4602c88fd4a5cba4009b19eede14"
          + "e7b01dff0639fb174dde9e14f1101ad7517a4f0adc397d74806d6b6040a15802f18902a71165178728c28a72bf4a"
          + "412ebaf962cafc5bdb92f4fd3960d96e9f99bd69843db9a1e552be6f82c24d44abfff220902ee3cdbf98dc1bab78"
          + "4422e91b481ff13a37b4a2a8ef1395431c63");

  private static final BigInteger N = P.multiply(Q);
  private static final BigInteger N2 = N.multiply(N);
  private static final BigInteger G = N.add(BigInteger.ONE);

  private static PaillierScheme scheme;
  private static PaillierPublicKey pk;
  private static PaillierSecretKey sk;

  @BeforeAll
  static void fixedKey() {
    scheme = TestKeys.SCHEME;
    pk = PaillierPublicKey.create(N, PaillierKeyGenerator.hsFor(N, X), 448, 10);
    sk = PaillierSecretKey.validated(pk, P, Q);
  }

  @Test
  void hsIsTheNthPowerOfMinusXSquared() {
    BigInteger h = X.multiply(X).negate().mod(N);
    assertEquals(h.modPow(N, N2), pk.hs());
  }

  @Test
  void decryptsATextbookCiphertext() {
    // Paillier '99: c = g^m r^n mod n^2.
    BigInteger m = new BigInteger("31415926535897932384626433832795028841971");
    BigInteger c = G.modPow(m, N2).multiply(R.modPow(N, N2)).mod(N2);
    assertEquals(m, sk.decrypt(c));
    assertEquals(m, scheme.decrypt(sk, new PaillierCiphertext(pk, c)));
  }

  @Test
  void crtDecryptionAgreesWithTheTextbookLambdaMuFormula() {
    BigInteger lambda = P.subtract(BigInteger.ONE).multiply(Q.subtract(BigInteger.ONE))
        .divide(P.subtract(BigInteger.ONE).gcd(Q.subtract(BigInteger.ONE)));
    BigInteger mu = l(G.modPow(lambda, N2)).modInverse(N);
    BigInteger m = N.subtract(BigInteger.valueOf(987654321)); // an encoded negative number
    BigInteger c = G.modPow(m, N2).multiply(R.modPow(N, N2)).mod(N2);
    assertEquals(l(c.modPow(lambda, N2)).multiply(mu).mod(N), sk.decrypt(c));
    assertEquals(m, sk.decrypt(c));
  }

  @Test
  void deterministicEncryptionMatchesTheFormula() {
    BigInteger m = BigInteger.valueOf(271828182845L);
    // c = g^m hs^α mod n^2, with g^m by modPow rather than the 1 + mn shortcut.
    BigInteger expected = G.modPow(m, N2).multiply(pk.hs().modPow(ALPHA, N2)).mod(N2);
    PaillierCiphertext c = scheme.encryptDeterministic(pk, m, ALPHA);
    assertEquals(expected, c.value());
    assertEquals(m, scheme.decrypt(sk, c));
  }

  @Test
  void additionAndScalarMultiplicationMatchTheFormulas() {
    BigInteger a = BigInteger.valueOf(1000);
    BigInteger b = BigInteger.valueOf(2345);
    PaillierCiphertext ca = scheme.encryptDeterministic(pk, a, ALPHA);
    PaillierCiphertext cb = scheme.encryptDeterministic(pk, b, ALPHA.shiftRight(3));
    assertEquals(ca.value().multiply(cb.value()).mod(N2), scheme.add(ca, cb).value());
    assertEquals(ca.value().modPow(BigInteger.valueOf(17), N2),
        scheme.multiplyPlain(ca, BigInteger.valueOf(17)).value());
    PaillierCiphertext minusFive = scheme.multiplyPlain(ca, BigInteger.valueOf(-5));
    assertEquals(ca.value().modInverse(N2).modPow(BigInteger.valueOf(5), N2), minusFive.value());
    assertEquals(N.subtract(BigInteger.valueOf(5000)), scheme.decrypt(sk, minusFive));
  }

  @Test
  void fingerprintFollowsItsSpecification() throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update("dirchain/he/paillier/fingerprint/v1".getBytes(StandardCharsets.US_ASCII));
    sha256.update(fixed(N, 256));
    sha256.update(fixed(pk.hs(), 512));
    long expected = ByteBuffer.wrap(sha256.digest()).getLong();
    assertEquals(new KeyFingerprint(expected), pk.fingerprint());
  }

  private static BigInteger l(BigInteger x) {
    return x.subtract(BigInteger.ONE).divide(N);
  }

  private static byte[] fixed(BigInteger v, int width) {
    byte[] raw = v.toByteArray();
    byte[] out = new byte[width];
    int len = Math.min(raw.length, width);
    System.arraycopy(raw, raw.length - len, out, width - len, len);
    return out;
  }

  private static BigInteger hex(String s) {
    return new BigInteger(s, 16);
  }
}
