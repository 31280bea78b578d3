package org.dirchain.secagg;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) through the JDK: key pairs, the raw 32-byte encodings carried in messages, and
 * the shared secret. The raw public key is the u-coordinate, little-endian, as RFC 7748 writes it
 * (the JDK's {@link XECPublicKey#getU()} is a number, so the byte order is ours to fix).
 */
public final class X25519Keys {
  /** Length of a raw public key or private scalar. */
  public static final int KEY_BYTES = 32;

  private X25519Keys() {}

  /** The raw 32-byte little-endian u-coordinate of a JDK X25519 public key. */
  public static byte[] toRaw(XECPublicKey key) {
    byte[] be = key.getU().toByteArray(); // big-endian, maybe with a leading sign byte
    byte[] le = new byte[KEY_BYTES];
    for (int i = 0; i < KEY_BYTES && i < be.length; i++) {
      le[i] = be[be.length - 1 - i];
    }
    return le;
  }

  /**
   * A JDK X25519 public key from its raw 32-byte encoding.
   *
   * @throws IllegalArgumentException if the length is not 32 bytes
   */
  public static XECPublicKey fromRaw(byte[] raw) {
    if (raw == null || raw.length != KEY_BYTES) {
      throw new IllegalArgumentException("an X25519 public key has " + KEY_BYTES + " bytes, got "
          + (raw == null ? "none" : raw.length));
    }
    byte[] be = new byte[KEY_BYTES];
    for (int i = 0; i < KEY_BYTES; i++) {
      be[i] = raw[KEY_BYTES - 1 - i];
    }
    be[0] &= 0x7f; // RFC 7748 §5: the top bit of the last byte is masked
    try {
      return (XECPublicKey) KeyFactory.getInstance("XDH")
          .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, new BigInteger(1, be)));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an X25519 public key", e);
    }
  }

  static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
      g.initialize(NamedParameterSpec.X25519, random);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("X25519 is not available in this JDK", e);
    }
  }

  static byte[] toRaw(PublicKey key) {
    return toRaw((XECPublicKey) key);
  }

  /** The private key's 32-byte scalar as RFC 7748 encodes it (before clamping). */
  static byte[] scalar(PrivateKey key) {
    return ((XECPrivateKey) key).getScalar()
        .orElseThrow(() -> new IllegalStateException("X25519 private scalar is not exportable"));
  }

  static PrivateKey privateFromScalar(byte[] scalar) {
    try {
      return KeyFactory.getInstance("XDH").generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not an X25519 private key", e);
    }
  }

  /** X25519(own, peer): the 32-byte shared secret. */
  static byte[] agree(PrivateKey own, byte[] peerRaw) {
    try {
      KeyAgreement ka = KeyAgreement.getInstance("X25519");
      ka.init(own);
      ka.doPhase(fromRaw(peerRaw), true);
      return ka.generateSecret();
    } catch (GeneralSecurityException e) {
      // The JDK refuses an all-zero result (a low-order peer key): a broken advertisement.
      throw new IllegalArgumentException("X25519 agreement failed: " + e.getMessage(), e);
    }
  }
}
