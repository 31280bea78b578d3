package org.dirchain.he.paillier;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Objects;
import org.dirchain.he.HeCiphertext;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HePublicKey;
import org.dirchain.he.HeSecretKey;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.KeyMismatchException;
import org.dirchain.he.PlaintextOutOfRangeException;

/**
 * Pure-Java Paillier encryption (Paillier, EUROCRYPT '99) with {@code g = n + 1}, CRT decryption
 * and the fast-encryption variant of Damgård, Jurik and Nielsen.
 *
 * <p><b>Fast encryption.</b> The public key carries {@code hs = h^n mod n^2} for {@code h = -x^2
 * mod n}, {@code x} random in {@code Z*_n}. Encryption is {@code c = (1 + m n) * hs^α mod n^2}
 * with {@code α} uniform in {@code [0, 2^ℓ)}: {@code g^m = 1 + m n} needs no exponentiation and
 * {@code hs^α} is an n-th residue like textbook {@code r^n}, so decryption is unchanged. This is
 * the construction of Damgård, Jurik, Nielsen, "A generalization of Paillier's public-key system
 * with applications to electronic voting" (IJIS 9(6), 2010), also used by SecretFlow HEU and by
 * Ma, Han, Lei, "Optimized Paillier's Cryptosystem with Fast Encryption and Decryption" (ACSAC
 * 2021). {@code hs^α} comes from a precomputed fixed-base table ({@link FixedBaseExponentiation}),
 * so an encryption costs about {@code ℓ / w} multiplications mod {@code n^2} (45 at the defaults,
 * each done in radix n by {@link RadixNArithmetic}) and no squarings.
 *
 * <p><b>Parameters and security.</b> {@code n} has 2048 bits, about 112-bit security (NIST SP
 * 800-57 Part 1), or 3072 (128-bit); no other size is accepted. {@code ℓ} defaults to 448 bits at
 * 2048 (512 at 3072), the values of Ma, Han and Lei for 112/128-bit security, and is at most
 * {@code |n|/2}. Semantic security rests on the decisional composite residuosity (DCR)
 * assumption plus a short-exponent assumption: that
 * {@code hs^α} for an {@code ℓ}-bit {@code α} is indistinguishable from a uniform element of the
 * group {@code hs} generates. The best known attacks on short exponents (Pollard's kangaroo,
 * baby-step giant-step, van Oorschot–Wiener) take about {@code 2^(ℓ/2) = 2^224} operations.
 * Note that Ma, Han and Lei pair {@code ℓ = 448} with a special key structure in which {@code hs}
 * has order about {@code 2^448}; these are standard keys (random primes), where DJN's own
 * suggestion is {@code ℓ = ⌈k/2⌉} (1024 bits, as in HEU). Choose {@link PaillierParameters} with
 * {@code randomizerBits = 1024} for that more conservative setting, at about twice the
 * encryption cost. BigInteger arithmetic is not constant-time; see docs/he.md.
 *
 * <p>All randomness comes from the injected {@link SecureRandom}. Thread-safe.
 */
public final class PaillierScheme implements HomomorphicScheme {

  public static final String NAME = "paillier";

  private final PaillierParameters parameters;
  private final SecureRandom random;

  public PaillierScheme(PaillierParameters parameters, SecureRandom random) {
    this.parameters = Objects.requireNonNull(parameters, "parameters");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Default parameters (2048-bit modulus, 448-bit randomizer) and a new {@link SecureRandom}. */
  public PaillierScheme() {
    this(PaillierParameters.defaults(), new SecureRandom());
  }

  public PaillierParameters parameters() {
    return parameters;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public HeKeyPair generateKeyPair() {
    PaillierSecretKey secretKey = PaillierKeyGenerator.generate(parameters, random);
    return new HeKeyPair(secretKey.publicKey(), secretKey);
  }

  @Override
  public PaillierCiphertext encrypt(HePublicKey publicKey, BigInteger plaintext) {
    PaillierPublicKey key = paillier(publicKey);
    requirePlaintext(key, plaintext);
    return new PaillierCiphertext(key, key.encrypt(plaintext, key.randomizer(random)));
  }

  /** Encryption with a caller-chosen α; for known-answer tests only. */
  PaillierCiphertext encryptDeterministic(PaillierPublicKey key, BigInteger plaintext, BigInteger alpha) {
    requirePlaintext(key, plaintext);
    return new PaillierCiphertext(key, key.encrypt(plaintext, key.randomizer(alpha)));
  }

  @Override
  public PaillierCiphertext add(HeCiphertext a, HeCiphertext b) {
    PaillierCiphertext x = paillier(a);
    PaillierCiphertext y = paillier(b);
    requireSameKey(x, y);
    return new PaillierCiphertext(
        x.publicKey(), x.publicKey().multiplyModNSquared(x.value(), y.value()));
  }

  @Override
  public PaillierCiphertext multiplyPlain(HeCiphertext ciphertext, BigInteger scalar) {
    PaillierCiphertext c = paillier(ciphertext);
    PaillierPublicKey key = c.publicKey();
    BigInteger n = key.n();
    BigInteger k = scalar.mod(n);
    if (k.signum() == 0) {
      return new PaillierCiphertext(key, BigInteger.ONE);
    }
    // k and k - n act identically on plaintexts mod n; use whichever exponent is shorter, so
    // small negative scalars cost a modular inverse plus a short exponentiation.
    BigInteger negated = n.subtract(k);
    BigInteger value =
        negated.compareTo(k) < 0
            ? c.value().modInverse(key.nSquared()).modPow(negated, key.nSquared())
            : c.value().modPow(k, key.nSquared());
    return new PaillierCiphertext(key, value);
  }

  @Override
  public PaillierCiphertext rerandomize(HeCiphertext ciphertext) {
    PaillierCiphertext c = paillier(ciphertext);
    PaillierPublicKey key = c.publicKey();
    return new PaillierCiphertext(
        key, key.multiplyModNSquared(c.value(), key.join(key.randomizer(random))));
  }

  @Override
  public BigInteger decrypt(HeSecretKey secretKey, HeCiphertext ciphertext) {
    PaillierSecretKey key = paillier(secretKey);
    PaillierCiphertext c = paillier(ciphertext);
    if (!key.fingerprint().equals(c.keyFingerprint())
        || !key.publicKey().n().equals(c.publicKey().n())) {
      throw new KeyMismatchException(
          "ciphertext is under key " + c.keyFingerprint() + " but the secret key is for "
              + key.fingerprint());
    }
    return key.decrypt(c.value());
  }

  @Override
  public byte[] serializePublicKey(HePublicKey publicKey) {
    return PaillierCodec.encodePublicKey(paillier(publicKey));
  }

  @Override
  public PaillierPublicKey deserializePublicKey(byte[] encoded) {
    return PaillierCodec.decodePublicKey(encoded, parameters.fixedBaseWindowBits());
  }

  @Override
  public byte[] serializeSecretKey(HeSecretKey secretKey) {
    return PaillierCodec.encodeSecretKey(paillier(secretKey));
  }

  @Override
  public PaillierSecretKey deserializeSecretKey(byte[] encoded) {
    return PaillierCodec.decodeSecretKey(encoded, parameters.fixedBaseWindowBits());
  }

  @Override
  public byte[] serializeCiphertext(HeCiphertext ciphertext) {
    return PaillierCodec.encodeCiphertext(paillier(ciphertext));
  }

  @Override
  public PaillierCiphertext deserializeCiphertext(HePublicKey publicKey, byte[] encoded) {
    return PaillierCodec.decodeCiphertext(paillier(publicKey), encoded);
  }

  private static void requirePlaintext(PaillierPublicKey key, BigInteger plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    if (plaintext.signum() < 0 || plaintext.compareTo(key.n()) >= 0) {
      throw new PlaintextOutOfRangeException(
          "Paillier plaintext must be in [0, n); encode signed or decimal values with FixedPointEncoder");
    }
  }

  private static void requireSameKey(PaillierCiphertext a, PaillierCiphertext b) {
    if (a.publicKey() != b.publicKey()
        && (!a.keyFingerprint().equals(b.keyFingerprint())
            || !a.publicKey().n().equals(b.publicKey().n()))) {
      throw new KeyMismatchException(
          "cannot combine ciphertexts under different keys: " + a.keyFingerprint() + " and "
              + b.keyFingerprint());
    }
  }

  private static PaillierPublicKey paillier(HePublicKey key) {
    if (key instanceof PaillierPublicKey paillierKey) {
      return paillierKey;
    }
    throw notPaillier("public key", key == null ? null : key.scheme());
  }

  private static PaillierSecretKey paillier(HeSecretKey key) {
    if (key instanceof PaillierSecretKey paillierKey) {
      return paillierKey;
    }
    throw notPaillier("secret key", key == null ? null : key.scheme());
  }

  private static PaillierCiphertext paillier(HeCiphertext ciphertext) {
    if (ciphertext instanceof PaillierCiphertext paillierCiphertext) {
      return paillierCiphertext;
    }
    throw notPaillier("ciphertext", ciphertext == null ? null : ciphertext.scheme());
  }

  private static KeyMismatchException notPaillier(String what, String scheme) {
    return new KeyMismatchException(
        "expected a Paillier " + what + ", got " + (scheme == null ? "null" : "one of scheme '" + scheme + "'"));
  }

  @Override
  public String toString() {
    return "PaillierScheme[" + parameters + "]";
  }
}
