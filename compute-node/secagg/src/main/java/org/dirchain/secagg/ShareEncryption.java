package org.dirchain.secagg;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The encrypted share one participant sends another through the server: AES-256-GCM under
 * HKDF(X25519(c_from, c_to)), random 12-byte nonce, AAD = session || from || to. Plaintext:
 * from (4) || to (4) || share of b_from (66) || share of s_from (66). Wire form: nonce || ciphertext || tag.
 */
final class ShareEncryption {
  static final int PLAINTEXT_BYTES = 8 + 2 * ShamirSharing.SHARE_BYTES;
  static final int CIPHERTEXT_BYTES = 12 + PLAINTEXT_BYTES + 16;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  /** The two shares a sender holds for a receiver. */
  record SharePair(byte[] selfSeedShare, byte[] maskKeyShare) {}

  private final SessionId session;
  private final int self;
  private final PrivateKey encryptionKey;

  ShareEncryption(SessionId session, int self, PrivateKey encryptionKey) {
    this.session = session;
    this.self = self;
    this.encryptionKey = encryptionKey;
  }

  byte[] seal(int to, byte[] peerEncryptionKey, SharePair shares, SecureRandom random) {
    byte[] plain = ByteBuffer.allocate(PLAINTEXT_BYTES).putInt(self).putInt(to)
        .put(shares.selfSeedShare()).put(shares.maskKeyShare()).array();
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, key(to, peerEncryptionKey), new GCMParameterSpec(TAG_BITS, nonce));
      gcm.updateAAD(aad(self, to));
      byte[] ct = gcm.doFinal(plain);
      return ByteBuffer.allocate(NONCE_BYTES + ct.length).put(nonce).put(ct).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM is not available", e);
    }
  }

  /**
   * Decrypts the share {@code from} sent to this participant and checks the names inside it.
   *
   * @throws SecureAggregationException BAD_SHARE if it was altered, belongs to another session or pair, or is malformed
   */
  SharePair open(int from, byte[] peerEncryptionKey, byte[] sealed) {
    if (sealed == null || sealed.length != CIPHERTEXT_BYTES) {
      throw bad(from, "the share from participant " + from + " is missing or has the wrong length");
    }
    byte[] plain;
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.DECRYPT_MODE, key(from, peerEncryptionKey), new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      gcm.updateAAD(aad(from, self));
      plain = gcm.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new SecureAggregationException(session, self, SecureAggregationException.Reason.BAD_SHARE,
          "the share from participant " + from + " does not authenticate (altered, or from another session)", e);
    }
    ByteBuffer in = ByteBuffer.wrap(plain);
    int sender = in.getInt();
    int receiver = in.getInt();
    if (sender != from || receiver != self) {
      throw bad(from, "the share from participant " + from + " names " + sender + " → " + receiver);
    }
    byte[] seedShare = new byte[ShamirSharing.SHARE_BYTES];
    byte[] keyShare = new byte[ShamirSharing.SHARE_BYTES];
    in.get(seedShare).get(keyShare);
    return new SharePair(seedShare, keyShare);
  }

  private SecretKeySpec key(int peer, byte[] peerEncryptionKey) {
    byte[] agreed = X25519Keys.agree(encryptionKey, peerEncryptionKey);
    return new SecretKeySpec(SessionKdf.shareEncryptionKey(agreed, session, self, peer), "AES");
  }

  private byte[] aad(int from, int to) {
    byte[] s = session.bytes();
    return ByteBuffer.allocate(s.length + 8).put(s).putInt(from).putInt(to).array();
  }

  private SecureAggregationException bad(int from, String detail) {
    return new SecureAggregationException(session, self, SecureAggregationException.Reason.BAD_SHARE, detail);
  }
}
