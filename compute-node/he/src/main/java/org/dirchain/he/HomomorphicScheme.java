package org.dirchain.he;

import java.math.BigInteger;

/**
 * An additively homomorphic public-key encryption scheme, as the compute node uses it.
 *
 * <p>Keys and ciphertexts are opaque, backend-owned objects: the pure-Java Paillier backend and a
 * later native backend (e.g. SEAL through JNI) plug in behind this interface without callers
 * seeing their internal representation. Plaintexts are residues modulo {@link
 * HePublicKey#plaintextModulus()}; {@link FixedPointEncoder} maps signed decimals onto them.
 *
 * <p>Objects of one backend must not be passed to another; doing so, or mixing ciphertexts and
 * keys of different key pairs, throws {@link KeyMismatchException}. Implementations are
 * thread-safe.
 */
public interface HomomorphicScheme {

  /** Lower-case name used for discovery, e.g. {@code "paillier"}. */
  String name();

  /** Generates a fresh key pair with the parameters this instance was created with. */
  HeKeyPair generateKeyPair();

  /**
   * Encrypts a plaintext residue.
   *
   * @throws PlaintextOutOfRangeException unless {@code 0 <= plaintext < plaintextModulus}
   */
  HeCiphertext encrypt(HePublicKey publicKey, BigInteger plaintext);

  /** Returns an encryption of the sum of the two plaintexts (mod the plaintext modulus). */
  HeCiphertext add(HeCiphertext a, HeCiphertext b);

  /**
   * Returns an encryption of {@code scalar * plaintext} (mod the plaintext modulus). The scalar is
   * an ordinary integer and may be negative. The result is a deterministic function of its inputs;
   * {@link #rerandomize} it before revealing it to anyone who has seen the input ciphertext.
   */
  HeCiphertext multiplyPlain(HeCiphertext ciphertext, BigInteger scalar);

  /** Returns a fresh-looking encryption of the same plaintext. */
  HeCiphertext rerandomize(HeCiphertext ciphertext);

  /**
   * Decrypts to the plaintext residue.
   *
   * @throws KeyMismatchException if the ciphertext was not produced under this secret key's
   *     public key
   */
  BigInteger decrypt(HeSecretKey secretKey, HeCiphertext ciphertext);

  byte[] serializePublicKey(HePublicKey publicKey);

  /** @throws MalformedEncodingException or {@link InvalidHeKeyException} on bad input */
  HePublicKey deserializePublicKey(byte[] encoded);

  byte[] serializeSecretKey(HeSecretKey secretKey);

  /** @throws MalformedEncodingException or {@link InvalidHeKeyException} on bad input */
  HeSecretKey deserializeSecretKey(byte[] encoded);

  byte[] serializeCiphertext(HeCiphertext ciphertext);

  /**
   * Parses and validates a ciphertext that claims to be under {@code publicKey}.
   *
   * @throws MalformedEncodingException on a bad header, length or value
   * @throws KeyMismatchException if the encoding names another key
   */
  HeCiphertext deserializeCiphertext(HePublicKey publicKey, byte[] encoded);
}
