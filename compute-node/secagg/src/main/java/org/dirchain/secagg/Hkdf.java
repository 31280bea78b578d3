package org.dirchain.secagg;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF with HMAC-SHA256 (RFC 5869): extract, then expand. */
final class Hkdf {
  static final int HASH_BYTES = 32;
  private static final String HMAC = "HmacSHA256";

  private Hkdf() {}

  /** Extract: PRK = HMAC(salt, ikm); an absent salt is HashLen zero bytes, as the RFC says. */
  static byte[] extract(byte[] salt, byte[] inputKey) {
    Mac mac = mac(salt == null || salt.length == 0 ? new byte[HASH_BYTES] : salt);
    return mac.doFinal(inputKey);
  }

  /** Expand: T(1) || T(2) || … truncated to {@code length} bytes, T(k) = HMAC(prk, T(k−1) || info || k). */
  static byte[] expand(byte[] prk, byte[] info, int length) {
    if (length < 0 || length > 255 * HASH_BYTES) {
      throw new IllegalArgumentException("HKDF output length must be 0.." + 255 * HASH_BYTES + ", got " + length);
    }
    Mac mac = mac(prk);
    byte[] out = new byte[length];
    byte[] block = new byte[0];
    for (int counter = 1, pos = 0; pos < length; counter++) {
      mac.update(block);
      mac.update(info);
      mac.update((byte) counter);
      block = mac.doFinal();
      int n = Math.min(block.length, length - pos);
      System.arraycopy(block, 0, out, pos, n);
      pos += n;
    }
    return out;
  }

  static byte[] derive(byte[] salt, byte[] inputKey, byte[] info, int length) {
    return expand(extract(salt, inputKey), info, length);
  }

  private static Mac mac(byte[] key) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(key, HMAC));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
