package org.dirchain.he;

/** Opaque ciphertext of a {@link HomomorphicScheme}; bound to the public key it was made under. */
public interface HeCiphertext {

  String scheme();

  /** Fingerprint of the public key this ciphertext is under. */
  KeyFingerprint keyFingerprint();
}
