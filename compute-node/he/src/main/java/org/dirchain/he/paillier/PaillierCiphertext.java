package org.dirchain.he.paillier;

import java.math.BigInteger;
import org.dirchain.he.HeCiphertext;
import org.dirchain.he.KeyFingerprint;

/** A Paillier ciphertext: a unit of {@code Z_{n^2}} bound to its public key. */
public final class PaillierCiphertext implements HeCiphertext {

  private final PaillierPublicKey publicKey;
  private final BigInteger value;

  /** Callers guarantee {@code value} is in {@code [1, n^2)} and coprime to {@code n}. */
  PaillierCiphertext(PaillierPublicKey publicKey, BigInteger value) {
    this.publicKey = publicKey;
    this.value = value;
  }

  @Override
  public String scheme() {
    return PaillierScheme.NAME;
  }

  @Override
  public KeyFingerprint keyFingerprint() {
    return publicKey.fingerprint();
  }

  public PaillierPublicKey publicKey() {
    return publicKey;
  }

  BigInteger value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PaillierCiphertext other
        && value.equals(other.value)
        && publicKey.equals(other.publicKey);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "PaillierCiphertext[key=" + publicKey.fingerprint() + "]";
  }
}
