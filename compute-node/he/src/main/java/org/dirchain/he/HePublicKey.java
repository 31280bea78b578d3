package org.dirchain.he;

import java.math.BigInteger;

/** Opaque public key of a {@link HomomorphicScheme}. */
public interface HePublicKey {

  /** Name of the scheme that owns this key. */
  String scheme();

  /** Short identifier of the key pair; carried in ciphertext encodings. */
  KeyFingerprint fingerprint();

  /** Plaintexts are residues in {@code [0, plaintextModulus)}. */
  BigInteger plaintextModulus();
}
