package org.dirchain.he;

import java.util.Objects;

/** A public key and its secret key. */
public record HeKeyPair(HePublicKey publicKey, HeSecretKey secretKey) {

  public HeKeyPair {
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(secretKey, "secretKey");
    if (!publicKey.fingerprint().equals(secretKey.fingerprint())) {
      throw new KeyMismatchException(
          "secret key " + secretKey.fingerprint() + " does not belong to public key "
              + publicKey.fingerprint());
    }
  }

  @Override
  public String toString() {
    return "HeKeyPair[" + publicKey.scheme() + ", " + publicKey.fingerprint() + "]";
  }
}
