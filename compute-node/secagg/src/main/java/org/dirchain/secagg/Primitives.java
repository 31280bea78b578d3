package org.dirchain.secagg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The symmetric building blocks, all JDK: HKDF-SHA256 (RFC 5869), AES-256-GCM for shares, and
 * AES-256-CTR over zeros as the pseudo-random generator that expands a 32-byte seed into a mask.
 */
final class Primitives {
  static final int SEED_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private Primitives() {}

  /** HKDF-SHA256 with an all-zero salt: extract, then expand to {@code length} bytes. */
  static byte[] hkdf(byte[] inputKey, byte[] salt, byte[] info, int length) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(salt == null || salt.length == 0 ? new byte[32] : salt, "HmacSHA256"));
      byte[] prk = mac.doFinal(inputKey);
      mac.init(new SecretKeySpec(prk, "HmacSHA256"));
      byte[] out = new byte[length];
      byte[] t = new byte[0];
      int pos = 0;
      for (int i = 1; pos < length; i++) {
        mac.update(t);
        mac.update(info);
        mac.update((byte) i);
        t = mac.doFinal();
        int n = Math.min(t.length, length - pos);
        System.arraycopy(t, 0, out, pos, n);
        pos += n;
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** A 32-byte key for {@code purpose} in {@code session}, bound to the (ordered) pair of participants. */
  static byte[] derive(byte[] secret, String purpose, SessionId session, int a, int b) {
    byte[] label = ("dirchain-secagg " + purpose).getBytes(StandardCharsets.US_ASCII);
    byte[] s = session.bytes();
    ByteBuffer info = ByteBuffer.allocate(label.length + s.length + 8).put(label).put(s)
        .putInt(Math.min(a, b)).putInt(Math.max(a, b));
    return hkdf(secret, null, info.array(), SEED_BYTES);
  }

  /** {@code length} pseudo-random longs from a seed (AES-256-CTR, zero IV: each seed is used once). */
  static long[] expand(byte[] seed, int length) {
    try {
      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
      ByteBuffer stream = ByteBuffer.wrap(ctr.doFinal(new byte[length * 8]));
      long[] out = new long[length];
      for (int i = 0; i < length; i++) {
        out[i] = stream.getLong();
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR is not available", e);
    }
  }

  static byte[] seal(byte[] key, byte[] plaintext, byte[] aad, SecureRandom random) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      gcm.updateAAD(aad);
      byte[] ct = gcm.doFinal(plaintext);
      return ByteBuffer.allocate(NONCE_BYTES + ct.length).put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available", e);
    }
  }

  /** @throws GeneralSecurityException if the ciphertext or its associated data was altered */
  static byte[] open(byte[] key, byte[] sealed, byte[] aad) throws GeneralSecurityException {
    if (sealed.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new GeneralSecurityException("ciphertext too short");
    }
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
    gcm.updateAAD(aad);
    return gcm.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
  }
}
