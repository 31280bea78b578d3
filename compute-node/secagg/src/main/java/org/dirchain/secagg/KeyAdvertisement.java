package org.dirchain.secagg;

import java.util.Arrays;

/**
 * A participant's two ephemeral X25519 public keys for one session (raw 32-byte RFC 7748 encoding):
 * one to encrypt the shares it exchanges, one from which its pairwise masks are derived. The caller
 * signs them with the participant's long-term identity ({@link SecAggParticipant#advertisementDigestInput}).
 */
public record KeyAdvertisement(int index, byte[] encryptionPublicKey, byte[] maskPublicKey) {

  public KeyAdvertisement {
    if (index <= 0) {
      throw new IllegalArgumentException("participant index must be > 0, got " + index);
    }
    if (encryptionPublicKey.length != X25519Keys.KEY_BYTES || maskPublicKey.length != X25519Keys.KEY_BYTES) {
      throw new IllegalArgumentException("X25519 public keys are " + X25519Keys.KEY_BYTES + " bytes");
    }
    encryptionPublicKey = encryptionPublicKey.clone();
    maskPublicKey = maskPublicKey.clone();
  }

  @Override
  public byte[] encryptionPublicKey() {
    return encryptionPublicKey.clone();
  }

  @Override
  public byte[] maskPublicKey() {
    return maskPublicKey.clone();
  }

  boolean sameKeys(KeyAdvertisement other) {
    return Arrays.equals(encryptionPublicKey, other.encryptionPublicKey) && Arrays.equals(maskPublicKey, other.maskPublicKey);
  }
}
