package org.dirchain.he.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key generation. {@code p} and {@code q} are random primes of exactly half the modulus length
 * (top two bits set, so {@code n} has exactly the requested length) with
 * <ul>
 *   <li>{@code p ≡ q ≡ 3 (mod 4)} and {@code gcd(p-1, q-1) = 2}: the "admissible" moduli of
 *       Damgård, Jurik and Nielsen (as in SecretFlow HEU), for which the group
 *       {@code J_n} of Jacobi symbol 1 is cyclic and contains {@code h = -x^2};
 *   <li>{@code gcd(pq, (p-1)(q-1)) = 1}, which Paillier decryption needs;
 *   <li>{@code |p - q| > 2^(half - 100)} against Fermat factoring (FIPS 186-5, A.1.3).
 * </ul>
 * Then {@code x} is uniform in {@code Z*_n}, {@code h = -x^2 mod n} and {@code hs = h^n mod n^2}.
 */
final class PaillierKeyGenerator {

  private static final Logger log = LoggerFactory.getLogger(PaillierKeyGenerator.class);
  private static final BigInteger TWO = BigInteger.TWO;

  private PaillierKeyGenerator() {}

  static PaillierSecretKey generate(PaillierParameters params, SecureRandom random) {
    long start = System.nanoTime();
    int bits = params.modulusBits();
    int half = bits / 2;
    BigInteger minDistance = BigInteger.ONE.shiftLeft(half - 100);
    BigInteger p;
    BigInteger q;
    BigInteger n;
    while (true) {
      p = blumPrime(half, random);
      q = blumPrime(half, random);
      n = p.multiply(q);
      BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
      if (n.bitLength() == bits
          && p.subtract(q).abs().compareTo(minDistance) > 0
          && p.subtract(BigInteger.ONE).gcd(q.subtract(BigInteger.ONE)).equals(TWO)
          && n.gcd(phi).equals(BigInteger.ONE)) {
        break;
      }
    }
    BigInteger hs = hsFor(n, randomUnit(n, random));
    PaillierPublicKey publicKey =
        PaillierPublicKey.create(n, hs, params.randomizerBits(), params.fixedBaseWindowBits());
    PaillierSecretKey secretKey = PaillierSecretKey.ofGenerated(publicKey, p, q);
    log.debug("generated Paillier key: bits={} fingerprint={} millis={}",
        bits, publicKey.fingerprint(), (System.nanoTime() - start) / 1_000_000);
    return secretKey;
  }

  /** {@code hs = (-x^2 mod n)^n mod n^2}. */
  static BigInteger hsFor(BigInteger n, BigInteger x) {
    BigInteger h = n.subtract(x.multiply(x).mod(n));
    return h.modPow(n, n.multiply(n));
  }

  /** Uniform prime in {@code [3 * 2^(bits-2), 2^bits)} with {@code p ≡ 3 (mod 4)}. */
  private static BigInteger blumPrime(int bits, SecureRandom random) {
    while (true) {
      BigInteger candidate = BigInteger.probablePrime(bits, random);
      if (candidate.testBit(bits - 2) && candidate.testBit(1)) {
        return candidate;
      }
    }
  }

  private static BigInteger randomUnit(BigInteger n, SecureRandom random) {
    while (true) {
      BigInteger x = new BigInteger(n.bitLength(), random);
      if (x.signum() > 0 && x.compareTo(n) < 0 && x.gcd(n).equals(BigInteger.ONE)) {
        return x;
      }
    }
  }
}
