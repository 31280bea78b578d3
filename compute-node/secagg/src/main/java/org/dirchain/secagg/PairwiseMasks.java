package org.dirchain.secagg;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One participant's pairwise additive masks modulo a plaintext modulus, for sums that are taken
 * under homomorphic encryption (aggregate jobs): the pairwise half of Bonawitz et al. 2017 without
 * its drop-out recovery. Participant i adds Σ_j sign(i, j)·PRG(s_ij) (mod n) to its vector, s_ij =
 * HKDF-SHA256(X25519(i, j)) bound to the session and the pair; the masks of all participants cancel
 * in their sum, while one masked vector alone is uniform mod n to whoever lacks a peer's secret. A
 * participant that drops out after the others masked leaves their masks uncancelled: the sum is
 * retaken by a new session (fresh keys) without it — nothing is revealed to recover it.
 *
 * <p>The keys of one instance mask exactly one vector: a second vector under the same keys, for a
 * different set of peers, would let the difference of the two reveal a pairwise mask.
 */
public final class PairwiseMasks {
  /** Extra PRG bits per element: reducing (|n| + 128) uniform bits mod n leaves a bias below 2^-128. */
  private static final int EXTRA_BITS = 128;

  private final SessionId session;
  private final int self;
  private final KeyPair keys;
  private boolean used;

  public PairwiseMasks(SessionId session, int self, SecureRandom random) {
    this.session = session;
    this.self = self;
    this.keys = X25519Keys.generate(random);
  }

  /** The raw X25519 public key the peers derive their pair seeds with. */
  public byte[] publicKey() {
    return X25519Keys.toRaw(keys.getPublic());
  }

  /**
   * {@code values} + this participant's masks with every peer, element-wise mod {@code modulus}.
   *
   * @param peers every other participant's index and raw public key (this participant excluded)
   * @throws SecureAggregationException if these keys already masked a vector, or a peer key is unusable
   */
  public synchronized BigInteger[] mask(BigInteger[] values, Map<Integer, byte[]> peers, BigInteger modulus) {
    if (used) {
      throw new SecureAggregationException(session, self, SecureAggregationException.Reason.WRONG_STEP,
          "these keys already masked a vector; a second one would reveal a pairwise mask");
    }
    if (peers.isEmpty() || peers.containsKey(self)) {
      throw new SecureAggregationException(session, self, SecureAggregationException.Reason.NOT_A_MEMBER,
          "masks need at least one other participant, and not this one among the peers");
    }
    used = true;
    BigInteger[] out = new BigInteger[values.length];
    for (int k = 0; k < values.length; k++) {
      out[k] = values[k].mod(modulus);
    }
    for (Map.Entry<Integer, byte[]> peer : peers.entrySet()) {
      int j = peer.getKey();
      byte[] agreed;
      try {
        agreed = X25519Keys.agree(keys.getPrivate(), peer.getValue());
      } catch (IllegalArgumentException e) {
        throw new SecureAggregationException(session, self, SecureAggregationException.Reason.BAD_ADVERTISEMENT,
            "key of participant " + j + ": " + e.getMessage(), e);
      }
      BigInteger[] mask = prg(SessionKdf.pairMaskSeed(agreed, session, self, j), modulus, values.length);
      boolean add = MaskGenerator.sign(self, j) > 0;
      for (int k = 0; k < out.length; k++) {
        out[k] = (add ? out[k].add(mask[k]) : out[k].subtract(mask[k])).mod(modulus);
      }
    }
    return out;
  }

  /** {@code length} pseudo-random residues mod {@code modulus}: AES-256-CTR keystream, |n| + 128 bits each. */
  static BigInteger[] prg(byte[] seed, BigInteger modulus, int length) {
    int bytes = (modulus.bitLength() + EXTRA_BITS + 7) / 8;
    try {
      Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
      ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
      byte[] zeros = new byte[bytes];
      BigInteger[] out = new BigInteger[length];
      for (int k = 0; k < length; k++) {
        out[k] = new BigInteger(1, ctr.update(zeros)).mod(modulus);
      }
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CTR is not available", e);
    }
  }
}
