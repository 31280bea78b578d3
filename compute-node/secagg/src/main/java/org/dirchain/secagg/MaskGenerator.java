package org.dirchain.secagg;

import java.security.PrivateKey;

/** Masks: the self mask from a seed, and the pairwise mask two participants derive alike. */
final class MaskGenerator {
  private MaskGenerator() {}

  static byte[] selfMaskSeed(byte[] seed, SessionId session) {
    return Primitives.derive(seed, "self", session, 0, 0);
  }

  static byte[] pairSeed(PrivateKey own, byte[] peerMaskKey, SessionId session, int a, int b) {
    return Primitives.derive(X25519.agree(own, X25519.decodePublic(peerMaskKey)), "mask", session, a, b);
  }

  /** +1 when {@code i < j}, −1 otherwise: the two masks of a pair cancel in the sum. */
  static int sign(int i, int j) {
    return i < j ? 1 : -1;
  }

  /** target += sign × mask, lane by lane, mod 2^64. */
  static void add(long[] target, long[] mask, int sign) {
    for (int k = 0; k < target.length; k++) {
      target[k] += sign * mask[k];
    }
  }
}
