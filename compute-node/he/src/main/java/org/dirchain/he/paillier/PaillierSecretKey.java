package org.dirchain.he.paillier;

import java.math.BigInteger;
import org.dirchain.he.HeSecretKey;
import org.dirchain.he.InvalidHeKeyException;
import org.dirchain.he.KeyFingerprint;

/**
 * Paillier secret key: the factors {@code p, q} with the constants of CRT decryption (Paillier,
 * EUROCRYPT '99, §7): {@code hp = L_p(g^(p-1) mod p^2)^-1 mod p}, likewise {@code hq}, where
 * {@code L_p(x) = (x - 1) / p}. {@link #toString()} shows only the fingerprint.
 */
public final class PaillierSecretKey implements HeSecretKey {

  private final PaillierPublicKey publicKey;
  private final BigInteger p;
  private final BigInteger q;
  private final BigInteger pSquared;
  private final BigInteger qSquared;
  private final BigInteger pMinusOne;
  private final BigInteger qMinusOne;
  private final BigInteger hp;
  private final BigInteger hq;
  private final BigInteger qInverseModP;

  private PaillierSecretKey(PaillierPublicKey publicKey, BigInteger p, BigInteger q) {
    this.publicKey = publicKey;
    this.p = p;
    this.q = q;
    this.pSquared = p.multiply(p);
    this.qSquared = q.multiply(q);
    this.pMinusOne = p.subtract(BigInteger.ONE);
    this.qMinusOne = q.subtract(BigInteger.ONE);
    BigInteger g = publicKey.n().add(BigInteger.ONE);
    this.hp = l(g.modPow(pMinusOne, pSquared), p).modInverse(p);
    this.hq = l(g.modPow(qMinusOne, qSquared), q).modInverse(q);
    this.qInverseModP = q.modInverse(p);
  }

  /** For freshly generated primes, whose properties the generator has established. */
  static PaillierSecretKey ofGenerated(PaillierPublicKey publicKey, BigInteger p, BigInteger q) {
    return new PaillierSecretKey(publicKey, p, q);
  }

  /**
   * Validates imported factors against the public key: both prime and of half the modulus
   * length, {@code pq = n}, {@code gcd(n, (p-1)(q-1)) = 1}, and {@code hs} an n-th residue
   * (order dividing {@code p-1} mod {@code p^2} and {@code q-1} mod {@code q^2}), so that every
   * honestly made ciphertext decrypts.
   */
  static PaillierSecretKey validated(PaillierPublicKey publicKey, BigInteger p, BigInteger q) {
    BigInteger n = publicKey.n();
    int half = n.bitLength() / 2;
    if (p.bitLength() != half || q.bitLength() != half) {
      throw new InvalidHeKeyException("p and q must both have " + half + " bits");
    }
    if (!p.multiply(q).equals(n)) {
      throw new InvalidHeKeyException("p * q does not equal the public modulus");
    }
    if (!p.isProbablePrime(100) || !q.isProbablePrime(100)) {
      throw new InvalidHeKeyException("p or q is not prime");
    }
    BigInteger phi = p.subtract(BigInteger.ONE).multiply(q.subtract(BigInteger.ONE));
    if (!n.gcd(phi).equals(BigInteger.ONE)) {
      throw new InvalidHeKeyException("gcd(pq, (p-1)(q-1)) != 1");
    }
    BigInteger hs = publicKey.hs();
    if (!hs.modPow(p.subtract(BigInteger.ONE), p.multiply(p)).equals(BigInteger.ONE)
        || !hs.modPow(q.subtract(BigInteger.ONE), q.multiply(q)).equals(BigInteger.ONE)) {
      throw new InvalidHeKeyException("hs is not an n-th residue modulo n^2");
    }
    return new PaillierSecretKey(publicKey, p, q);
  }

  /** CRT decryption of a ciphertext value in {@code Z*_{n^2}}. */
  BigInteger decrypt(BigInteger c) {
    BigInteger mp = l(c.mod(pSquared).modPow(pMinusOne, pSquared), p).multiply(hp).mod(p);
    BigInteger mq = l(c.mod(qSquared).modPow(qMinusOne, qSquared), q).multiply(hq).mod(q);
    // Garner: m = mq + q * ((mp - mq) q^-1 mod p) is the residue mod pq matching both halves.
    return mq.add(q.multiply(mp.subtract(mq).multiply(qInverseModP).mod(p)));
  }

  private static BigInteger l(BigInteger x, BigInteger prime) {
    return x.subtract(BigInteger.ONE).divide(prime);
  }

  BigInteger p() {
    return p;
  }

  BigInteger q() {
    return q;
  }

  @Override
  public String scheme() {
    return PaillierScheme.NAME;
  }

  @Override
  public KeyFingerprint fingerprint() {
    return publicKey.fingerprint();
  }

  @Override
  public PaillierPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "PaillierSecretKey[fingerprint=" + publicKey.fingerprint() + "]";
  }
}
