package org.dirchain.secagg;

import static org.dirchain.secagg.SecureAggregationException.Reason.ALREADY_UNMASKED;
import static org.dirchain.secagg.SecureAggregationException.Reason.BAD_ADVERTISEMENT;
import static org.dirchain.secagg.SecureAggregationException.Reason.BELOW_THRESHOLD;
import static org.dirchain.secagg.SecureAggregationException.Reason.INVALID_THRESHOLD;
import static org.dirchain.secagg.SecureAggregationException.Reason.NOT_A_MEMBER;
import static org.dirchain.secagg.SecureAggregationException.Reason.NOT_A_SUBSET;
import static org.dirchain.secagg.SecureAggregationException.Reason.WRONG_STEP;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One participant of one secure sum (Bonawitz et al., CCS 2017, semi-honest variant). Call, once each
 * and in order: {@link #advertise()}, {@link #shareKeys}, {@link #maskedInput}, {@link #unmask}. The
 * input leaves only as y = x + PRG(b) + Σ ±PRG(s_ij) mod 2^64, and the unmasking reveals, per other
 * participant, either its self-mask share (it survived) or its mask-key share (it dropped), never
 * both, and only once. Thread-safe; holds all state of its session, so a gRPC service keeps one per
 * session.
 *
 * <p>The participant's index (its organisation id) must be &gt; 0: it is also its Shamir x-coordinate.
 */
public final class SecAggParticipant {
  private enum Step { NEW, ADVERTISED, SHARED, MASKED, UNMASKED }

  private final SessionId session;
  private final int index;
  private final SecureRandom random;
  private final KeyPair encryption;
  private final KeyPair mask;
  private final ShareEncryption shareEncryption;
  private Step step = Step.NEW;
  private Map<Integer, KeyAdvertisement> advertised; // U1
  private Set<Integer> sharing; // U2
  private int threshold;
  private byte[] selfSeed;
  private final Map<Integer, byte[]> heldSelfSeedShares = new HashMap<>(); // owner -> my share of b_owner
  private final Map<Integer, byte[]> heldMaskKeyShares = new HashMap<>(); // owner -> my share of s_owner

  /** Generates the two ephemeral X25519 key pairs (c: share encryption, s: pairwise masks). */
  public SecAggParticipant(SessionId session, int index, SecureRandom random) {
    if (index <= 0) {
      throw new IllegalArgumentException("participant index must be > 0 (it is a Shamir x-coordinate), got " + index);
    }
    this.session = session;
    this.index = index;
    this.random = random;
    this.encryption = X25519Keys.generate(random);
    this.mask = X25519Keys.generate(random);
    this.shareEncryption = new ShareEncryption(session, index, encryption.getPrivate());
  }

  /**
   * The canonical bytes a caller signs with its long-term identity to vouch for an advertisement:
   * "dirchain-secagg1" || session bytes || index (4, big-endian) || cPk (32) || sPk (32).
   */
  public static byte[] advertisementDigestInput(SessionId session, int index, byte[] encryptionKey, byte[] maskKey) {
    byte[] tag = "dirchain-secagg1".getBytes(StandardCharsets.US_ASCII);
    byte[] s = session.bytes();
    return ByteBuffer.allocate(tag.length + s.length + 4 + encryptionKey.length + maskKey.length)
        .put(tag).put(s).putInt(index).put(encryptionKey).put(maskKey).array();
  }

  /** The recommended threshold for {@code n} advertised participants: a strict majority ⌊n/2⌋ + 1, at least 2. */
  public static int recommendedThreshold(int n) {
    return Math.max(2, n / 2 + 1);
  }

  public int index() {
    return index;
  }

  public SessionId session() {
    return session;
  }

  /** Step 1: this participant's two public keys. Repeating it before share keys returns the same keys. */
  public synchronized KeyAdvertisement advertise() {
    require(step == Step.NEW || step == Step.ADVERTISED, WRONG_STEP, "keys are advertised before anything else");
    step = Step.ADVERTISED;
    return own();
  }

  /**
   * Step 2: Shamir-shares a fresh self-mask seed b and the mask secret key t-out-of-|U1| and encrypts
   * each other participant's pair of shares to it.
   *
   * @param participants U1, the advertisements the server collected, keyed by index (must include this one)
   * @param threshold t, with 2 ≤ t ≤ |U1|
   * @return one ciphertext per other participant, keyed by receiver
   */
  public synchronized Map<Integer, byte[]> shareKeys(Map<Integer, KeyAdvertisement> participants, int threshold) {
    require(step == Step.ADVERTISED, WRONG_STEP, "share keys comes once, right after advertise");
    KeyAdvertisement me = participants.get(index);
    require(me != null, NOT_A_MEMBER, "the advertised set U1 " + participants.keySet() + " does not include this participant");
    require(me.sameKeys(own()), BAD_ADVERTISEMENT, "U1 carries keys under this participant's index that are not its own");
    require(threshold >= 2 && threshold <= participants.size(), INVALID_THRESHOLD,
        "threshold " + threshold + " must be between 2 and |U1| = " + participants.size());
    participants.forEach((i, a) -> require(a.index() == i, BAD_ADVERTISEMENT, "advertisement listed under " + i + " is for " + a.index()));
    this.advertised = Map.copyOf(participants);
    this.threshold = threshold;
    this.selfSeed = new byte[SessionKdf.KEY_BYTES];
    random.nextBytes(selfSeed);
    Map<Integer, byte[]> seedShares = ShamirSharing.split(selfSeed, participants.keySet(), threshold, random);
    Map<Integer, byte[]> keyShares = ShamirSharing.split(X25519Keys.scalar(mask.getPrivate()), participants.keySet(), threshold, random);
    heldSelfSeedShares.put(index, seedShares.get(index));
    heldMaskKeyShares.put(index, keyShares.get(index));
    Map<Integer, byte[]> out = new LinkedHashMap<>();
    for (int j : participants.keySet()) {
      if (j != index) {
        var pair = new ShareEncryption.SharePair(seedShares.get(j), keyShares.get(j));
        out.put(j, shareEncryption.seal(j, participants.get(j).encryptionPublicKey(), pair, random));
      }
    }
    step = Step.SHARED;
    return out;
  }

  /**
   * Step 3: checks and stores the shares addressed to this participant, then masks its input. The
   * shares are decrypted here rather than at unmasking (as the paper does) so that a bad share stops
   * the session before the masked input leaves.
   *
   * @param sharing U2 ⊆ U1, the participants whose shares the server received (this one included), |U2| ≥ t
   * @param sharesForMe the ciphertexts from each other member of U2, keyed by sender
   * @param input x, fixed-point encoded by the caller; every value is taken mod 2^64
   * @return y = x + PRG(b) + Σ_{j∈U2, j≠i} ±PRG(s_ij), + when i &lt; j
   */
  public synchronized long[] maskedInput(Set<Integer> sharing, Map<Integer, byte[]> sharesForMe, long[] input) {
    require(step == Step.SHARED, WRONG_STEP, "the masked input comes once, after share keys");
    require(sharing.contains(index), NOT_A_MEMBER, "the sharing set U2 " + sharing + " does not include this participant");
    require(advertised.keySet().containsAll(sharing), NOT_A_SUBSET, "U2 " + sharing + " is not within U1 " + advertised.keySet());
    require(sharing.size() >= threshold, BELOW_THRESHOLD, "|U2| = " + sharing.size() + " participants shared keys, t = " + threshold + " needed");
    for (int j : sharing) {
      if (j != index) {
        var pair = shareEncryption.open(j, advertised.get(j).encryptionPublicKey(), sharesForMe.get(j));
        heldSelfSeedShares.put(j, pair.selfSeedShare());
        heldMaskKeyShares.put(j, pair.maskKeyShare());
      }
    }
    this.sharing = Set.copyOf(sharing);
    long[] y = input.clone();
    MaskGenerator.add(y, MaskGenerator.selfMask(selfSeed, session, y.length), 1);
    for (int j : sharing) {
      if (j != index) {
        long[] pairMask = MaskGenerator.pairMask(mask.getPrivate(), advertised.get(j).maskPublicKey(), session, index, j, y.length);
        MaskGenerator.add(y, pairMask, MaskGenerator.sign(index, j));
      }
    }
    selfSeed = null; // only its shares are needed from now on
    step = Step.MASKED;
    return y;
  }

  /**
   * Step 4, answered at most once per session: for each j ∈ U3 this participant's share of b_j, for
   * each j ∈ U2 \ U3 its share of s_j. A request that breaks a rule is refused without answering.
   *
   * @param survivors U3 ⊆ U2, the participants whose masked inputs the server received; must include
   *     this one and have at least t members
   * @throws SecureAggregationException ALREADY_UNMASKED on a second call, whatever its U3
   */
  public synchronized UnmaskResponse unmask(Set<Integer> survivors) {
    require(step != Step.UNMASKED, ALREADY_UNMASKED,
        "the unmasking was already answered; a second answer for another U3 could reveal both masks of a participant");
    require(step == Step.MASKED, WRONG_STEP, "unmasking comes after the masked input");
    require(survivors.contains(index), NOT_A_MEMBER, "the survivor set U3 " + survivors + " does not include this participant");
    require(sharing.containsAll(survivors), NOT_A_SUBSET, "U3 " + survivors + " is not within U2 " + sharing);
    require(survivors.size() >= threshold, BELOW_THRESHOLD, "|U3| = " + survivors.size() + " survivors, t = " + threshold + " needed");
    step = Step.UNMASKED;
    Map<Integer, byte[]> seedShares = new HashMap<>();
    Map<Integer, byte[]> keyShares = new HashMap<>();
    for (int j : sharing) {
      if (survivors.contains(j)) {
        seedShares.put(j, heldSelfSeedShares.get(j));
      } else {
        keyShares.put(j, heldMaskKeyShares.get(j));
      }
    }
    heldSelfSeedShares.clear();
    heldMaskKeyShares.clear();
    return new UnmaskResponse(seedShares, keyShares);
  }

  private KeyAdvertisement own() {
    return new KeyAdvertisement(index, X25519Keys.toRaw(encryption.getPublic()), X25519Keys.toRaw(mask.getPublic()));
  }

  private void require(boolean condition, SecureAggregationException.Reason reason, String rule) {
    if (!condition) {
      throw new SecureAggregationException(session, index, reason, rule);
    }
  }
}
