package org.dirchain.secagg;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shamir t-out-of-n secret sharing of 32-byte secrets over GF(2^521 − 1), a Mersenne prime far above
 * 2^256 so any 32-byte secret is a field element. A participant's share is the polynomial evaluated
 * at x = its index itself (indices are organisation ids, required to be &gt; 0, so x = 0, where the
 * secret sits, is never handed out), written as a fixed-width 66-byte big-endian value.
 */
final class ShamirSharing {
  static final BigInteger PRIME = BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE);
  static final int SHARE_BYTES = 66;

  private ShamirSharing() {}

  static Map<Integer, byte[]> split(byte[] secret, Collection<Integer> indices, int threshold, SecureRandom random) {
    if (threshold < 1 || threshold > indices.size()) {
      throw new IllegalArgumentException("threshold " + threshold + " for " + indices.size() + " shares");
    }
    List<BigInteger> coefficients = new ArrayList<>();
    coefficients.add(new BigInteger(1, secret));
    for (int k = 1; k < threshold; k++) {
      coefficients.add(new BigInteger(521, random).mod(PRIME));
    }
    Map<Integer, byte[]> shares = new LinkedHashMap<>();
    for (int x : indices) {
      if (x <= 0) {
        throw new IllegalArgumentException("share index must be > 0, got " + x);
      }
      BigInteger bx = BigInteger.valueOf(x);
      BigInteger y = BigInteger.ZERO;
      for (int k = coefficients.size() - 1; k >= 0; k--) {
        y = y.multiply(bx).add(coefficients.get(k)).mod(PRIME);
      }
      shares.put(x, fixed(y));
    }
    return shares;
  }

  /** The secret from at least threshold shares (Lagrange interpolation at 0). */
  static byte[] reconstruct(Map<Integer, byte[]> shares, int secretBytes) {
    BigInteger secret = BigInteger.ZERO;
    for (Map.Entry<Integer, byte[]> i : shares.entrySet()) {
      BigInteger xi = BigInteger.valueOf(i.getKey());
      BigInteger num = BigInteger.ONE;
      BigInteger den = BigInteger.ONE;
      for (int j : shares.keySet()) {
        if (j != i.getKey()) {
          BigInteger xj = BigInteger.valueOf(j);
          num = num.multiply(xj).mod(PRIME);
          den = den.multiply(xj.subtract(xi)).mod(PRIME);
        }
      }
      BigInteger yi = new BigInteger(1, i.getValue());
      secret = secret.add(yi.multiply(num).multiply(den.modInverse(PRIME))).mod(PRIME);
    }
    byte[] raw = secret.toByteArray();
    byte[] out = new byte[secretBytes];
    int n = Math.min(raw.length, secretBytes);
    System.arraycopy(raw, raw.length - n, out, secretBytes - n, n);
    return out;
  }

  private static byte[] fixed(BigInteger y) {
    byte[] raw = y.toByteArray();
    byte[] out = new byte[SHARE_BYTES];
    int n = Math.min(raw.length, SHARE_BYTES);
    System.arraycopy(raw, raw.length - n, out, SHARE_BYTES - n, n);
    return out;
  }
}
