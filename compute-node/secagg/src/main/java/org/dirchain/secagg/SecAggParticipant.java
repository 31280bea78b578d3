package org.dirchain.secagg;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One participant of one secure sum (Bonawitz et al., CCS 2017, semi-honest): advertise keys → share
 * keys → masked input → unmask, each once and in this order. The input leaves only as
 * x + PRG(b) + Σ ±PRG(s_ij), and the unmasking step reveals, per other participant, either its
 * self-mask share (it survived) or its mask-key share (it dropped), never both.
 */
public final class SecAggParticipant {
  private enum Step { NEW, ADVERTISED, SHARED, MASKED, UNMASKED }

  private static final int SHARE_PAIR_BYTES = 8 + 2 * ShamirSharing.SHARE_BYTES;

  private final SessionId session;
  private final int index;
  private final SecureRandom random;
  private final KeyPair encryption;
  private final KeyPair mask;
  private Step step = Step.NEW;
  private Map<Integer, KeyAdvertisement> advertised;
  private int threshold;
  private byte[] selfSeed;
  private final Map<Integer, byte[]> heldSelfShares = new HashMap<>();
  private final Map<Integer, byte[]> heldKeyShares = new HashMap<>();
  private Set<Integer> sharing;

  public SecAggParticipant(SessionId session, int index, SecureRandom random) {
    if (index <= 0) {
      throw new IllegalArgumentException("participant index must be > 0, got " + index);
    }
    this.session = session;
    this.index = index;
    this.random = random;
    this.encryption = X25519.generate(random);
    this.mask = X25519.generate(random);
  }

  /** The bytes a caller signs with its long-term identity to vouch for an advertisement. */
  public static byte[] advertisementDigestInput(SessionId session, int index, byte[] encryptionKey, byte[] maskKey) {
    byte[] s = session.bytes();
    return ByteBuffer.allocate(16 + s.length + 4 + encryptionKey.length + maskKey.length)
        .put("dirchain-secagg1".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(s).putInt(index)
        .put(encryptionKey).put(maskKey).array();
  }

  /** The threshold the protocol needs for {@code n} participants: a strict majority, at least 2. */
  public static int recommendedThreshold(int n) {
    return Math.max(2, n / 2 + 1);
  }

  public synchronized KeyAdvertisement advertise() {
    require(step == Step.NEW || step == Step.ADVERTISED, "keys are advertised before anything else");
    step = Step.ADVERTISED;
    return own();
  }

  /**
   * Shares this participant's self-mask seed and mask key among the advertised participants.
   *
   * @return one ciphertext per other participant, keyed by its index
   */
  public synchronized Map<Integer, byte[]> shareKeys(Map<Integer, KeyAdvertisement> participants, int threshold) {
    require(step == Step.ADVERTISED, "share keys comes once, right after advertise");
    KeyAdvertisement me = participants.get(index);
    require(me != null && me.sameKeys(own()), "the participant list does not carry this participant's own keys");
    require(threshold >= 2 && threshold <= participants.size(),
        "threshold " + threshold + " must be between 2 and the " + participants.size() + " participants");
    participants.forEach((i, a) -> require(a.index() == i, "advertisement listed under " + i + " is for " + a.index()));
    this.advertised = Map.copyOf(participants);
    this.threshold = threshold;
    this.selfSeed = new byte[Primitives.SEED_BYTES];
    random.nextBytes(selfSeed);
    Map<Integer, byte[]> selfShares = ShamirSharing.split(selfSeed, participants.keySet(), threshold, random);
    Map<Integer, byte[]> keyShares = ShamirSharing.split(X25519.scalar(mask.getPrivate()), participants.keySet(), threshold, random);
    heldSelfShares.put(index, selfShares.get(index));
    heldKeyShares.put(index, keyShares.get(index));
    Map<Integer, byte[]> out = new LinkedHashMap<>();
    for (int j : participants.keySet()) {
      if (j != index) {
        byte[] plain = ByteBuffer.allocate(SHARE_PAIR_BYTES).putInt(index).putInt(j)
            .put(selfShares.get(j)).put(keyShares.get(j)).array();
        out.put(j, Primitives.seal(shareKey(j), plain, aad(index, j), random));
      }
    }
    step = Step.SHARED;
    return out;
  }

  /**
   * Stores the shares addressed to this participant and returns its masked input.
   *
   * @param sharing the participants whose shares the server received (this one included)
   * @param sharesForMe ciphertexts from each of them, keyed by sender
   */
  public synchronized long[] maskedInput(Set<Integer> sharing, Map<Integer, byte[]> sharesForMe, long[] input) {
    require(step == Step.SHARED, "the masked input comes once, after share keys");
    require(sharing.contains(index), "this participant is not in the sharing set");
    require(advertised.keySet().containsAll(sharing), "the sharing set names participants that never advertised");
    require(sharing.size() >= threshold, sharing.size() + " participants shared keys, " + threshold + " needed");
    for (int j : sharing) {
      if (j == index) {
        continue;
      }
      byte[] sealed = sharesForMe.get(j);
      require(sealed != null, "no share from participant " + j);
      ByteBuffer plain;
      try {
        plain = ByteBuffer.wrap(Primitives.open(shareKey(j), sealed, aad(j, index)));
      } catch (GeneralSecurityException e) {
        throw new SecureAggregationException(session, "the share from participant " + j + " does not authenticate", e);
      }
      require(plain.remaining() == SHARE_PAIR_BYTES && plain.getInt() == j && plain.getInt() == index,
          "the share from participant " + j + " is malformed");
      byte[] self = new byte[ShamirSharing.SHARE_BYTES];
      byte[] key = new byte[ShamirSharing.SHARE_BYTES];
      plain.get(self).get(key);
      heldSelfShares.put(j, self);
      heldKeyShares.put(j, key);
    }
    this.sharing = Set.copyOf(sharing);
    long[] y = input.clone();
    MaskGenerator.add(y, Primitives.expand(MaskGenerator.selfMaskSeed(selfSeed, session), y.length), 1);
    for (int j : sharing) {
      if (j != index) {
        byte[] seed = MaskGenerator.pairSeed(mask.getPrivate(), advertised.get(j).maskPublicKey(), session, index, j);
        MaskGenerator.add(y, Primitives.expand(seed, y.length), MaskGenerator.sign(index, j));
      }
    }
    step = Step.MASKED;
    return y;
  }

  /**
   * Reveals, for each survivor, this participant's share of its self-mask seed, and for each
   * participant that shared keys but sent no masked input, this participant's share of its mask key.
   */
  public synchronized UnmaskResponse unmask(Set<Integer> survivors) {
    require(step == Step.MASKED, "unmasking is answered once, after the masked input");
    require(survivors.contains(index), "this participant is not in the survivor set");
    require(sharing.containsAll(survivors), "the survivor set names participants that did not share keys");
    require(survivors.size() >= threshold, survivors.size() + " survivors, " + threshold + " needed");
    step = Step.UNMASKED;
    Map<Integer, byte[]> self = new HashMap<>();
    Map<Integer, byte[]> keys = new HashMap<>();
    for (int j : sharing) {
      (survivors.contains(j) ? self : keys).put(j, (survivors.contains(j) ? heldSelfShares : heldKeyShares).get(j));
    }
    heldSelfShares.clear();
    heldKeyShares.clear();
    return new UnmaskResponse(self, keys);
  }

  private KeyAdvertisement own() {
    return new KeyAdvertisement(index, X25519.encode(encryption.getPublic()), X25519.encode(mask.getPublic()));
  }

  private byte[] shareKey(int peer) {
    byte[] secret = X25519.agree(encryption.getPrivate(), X25519.decodePublic(advertised.get(peer).encryptionPublicKey()));
    return Primitives.derive(secret, "enc", session, index, peer);
  }

  private byte[] aad(int from, int to) {
    byte[] s = session.bytes();
    return ByteBuffer.allocate(s.length + 8).put(s).putInt(from).putInt(to).array();
  }

  private void require(boolean condition, String rule) {
    if (!condition) {
      throw new SecureAggregationException(session, "participant " + index + ": " + rule);
    }
  }
}
