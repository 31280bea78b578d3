package org.dirchain.secagg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The protocol's key derivations. Every {@code info} carries a purpose label and the canonical session
 * bytes, so a key, mask or share key never repeats across sessions, and pair keys also carry the
 * unordered pair (min, max) so both ends derive the same key.
 */
final class SessionKdf {
  static final int KEY_BYTES = 32;

  private SessionKdf() {}

  /** AES-256-GCM key for the shares between {@code i} and {@code j}, from X25519(c_i, c_j). */
  static byte[] shareEncryptionKey(byte[] agreed, SessionId session, int i, int j) {
    return Hkdf.derive(null, agreed, pairInfo("dirchain-secagg enc", session, i, j), KEY_BYTES);
  }

  /** Pairwise mask seed s_ij, from X25519(s_i, s_j). */
  static byte[] pairMaskSeed(byte[] agreed, SessionId session, int i, int j) {
    return Hkdf.derive(null, agreed, pairInfo("dirchain-secagg mask", session, i, j), KEY_BYTES);
  }

  /** PRG key of the self mask, from b_i: a separate domain from the pair seeds. */
  static byte[] selfMaskSeed(byte[] seed, SessionId session) {
    byte[] label = label("dirchain-secagg self");
    byte[] s = session.bytes();
    return Hkdf.derive(null, seed, ByteBuffer.allocate(label.length + s.length).put(label).put(s).array(), KEY_BYTES);
  }

  private static byte[] pairInfo(String purpose, SessionId session, int i, int j) {
    byte[] label = label(purpose);
    byte[] s = session.bytes();
    return ByteBuffer.allocate(label.length + s.length + 8).put(label).put(s)
        .putInt(Math.min(i, j)).putInt(Math.max(i, j)).array();
  }

  private static byte[] label(String purpose) {
    return purpose.getBytes(StandardCharsets.US_ASCII);
  }
}
