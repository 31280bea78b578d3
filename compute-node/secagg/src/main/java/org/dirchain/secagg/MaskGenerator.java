package org.dirchain.secagg;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The masks: a PRG expanding a 32-byte seed into longs, the self mask PRG(b_i), the pairwise mask
 * PRG(s_ij), and the sign convention that makes pairwise masks cancel: participant i adds
 * +PRG(s_ij) when i &lt; j and −PRG(s_ij) when i &gt; j. All arithmetic is mod 2^64.
 */
final class MaskGenerator {
  private static final int CHUNK_LONGS = 8192; // bounds the temporary buffer for long vectors

  private MaskGenerator() {}

  /**
   * {@code length} pseudo-random longs: AES-256-CTR keystream (zero IV) read as big-endian longs. A
   * zero IV is safe because every seed is derived for one purpose in one session and used once.
   */
  static long[] prg(byte[] seed, int length) {
    try {
      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
      long[] out = new long[length];
      byte[] zeros = new byte[Math.min(length, CHUNK_LONGS) * 8];
      for (int from = 0; from < length; from += CHUNK_LONGS) {
        int n = Math.min(CHUNK_LONGS, length - from);
        ByteBuffer stream = ByteBuffer.wrap(ctr.update(zeros, 0, n * 8));
        for (int k = 0; k < n; k++) {
          out[from + k] = stream.getLong();
        }
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR is not available", e);
    }
  }

  static long[] selfMask(byte[] selfSeed, SessionId session, int length) {
    return prg(SessionKdf.selfMaskSeed(selfSeed, session), length);
  }

  /** PRG(s_ij); both ends get the same mask (X25519 is symmetric, the KDF info is ordered by min/max). */
  static long[] pairMask(PrivateKey ownMaskKey, byte[] peerMaskKey, SessionId session, int i, int j, int length) {
    return prg(SessionKdf.pairMaskSeed(X25519Keys.agree(ownMaskKey, peerMaskKey), session, i, j), length);
  }

  /** The sign participant {@code i} gives its mask with {@code j}: +1 when i &lt; j, −1 otherwise. */
  static int sign(int i, int j) {
    return i < j ? 1 : -1;
  }

  /** target += sign × mask, lane by lane, mod 2^64 (Java long wraparound). */
  static void add(long[] target, long[] mask, int sign) {
    for (int k = 0; k < target.length; k++) {
      target[k] += sign * mask[k];
    }
  }
}
