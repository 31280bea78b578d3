package org.dirchain.he;

/** Opaque secret key of a {@link HomomorphicScheme}. {@code toString()} never shows key material. */
public interface HeSecretKey {

  String scheme();

  /** Fingerprint of the matching public key. */
  KeyFingerprint fingerprint();

  HePublicKey publicKey();
}
