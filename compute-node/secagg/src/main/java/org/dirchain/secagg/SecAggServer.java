package org.dirchain.secagg;

import static org.dirchain.secagg.SecureAggregationException.Reason.BELOW_THRESHOLD;
import static org.dirchain.secagg.SecureAggregationException.Reason.INVALID_THRESHOLD;
import static org.dirchain.secagg.SecureAggregationException.Reason.LENGTH_MISMATCH;
import static org.dirchain.secagg.SecureAggregationException.Reason.NOT_A_MEMBER;
import static org.dirchain.secagg.SecureAggregationException.Reason.NOT_A_SUBSET;
import static org.dirchain.secagg.SecureAggregationException.Reason.NOT_ENOUGH_RESPONSES;
import static org.dirchain.secagg.SecureAggregationException.Reason.WRONG_STEP;

import java.security.PrivateKey;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The server's side of one secure sum (one instance per session). Feed it, in order: the
 * advertisements (U1), each participant's encrypted shares (U2 = those that arrived; route them with
 * {@link #sharesFor}), the masked inputs (U3 = those that arrived), and the unmasking responses of at
 * least t members of U3; then {@link #sum()} removes the survivors' self masks and the dropped
 * participants' pairwise masks and returns Σ_{i∈U3} x_i mod 2^64. It never holds one input unmasked.
 */
public final class SecAggServer {
  private final SessionId session;
  private final int threshold;
  private final Map<Integer, KeyAdvertisement> advertised = new TreeMap<>(); // U1
  private final Map<Integer, Map<Integer, byte[]>> shares = new TreeMap<>(); // U2: from -> (to -> ciphertext)
  private final Map<Integer, long[]> masked = new TreeMap<>(); // U3
  private final Map<Integer, UnmaskResponse> responses = new TreeMap<>();
  private int length = -1;

  /** @param threshold t, at least 2; checked against |U1| when the first shares arrive */
  public SecAggServer(SessionId session, int threshold) {
    if (threshold < 2) {
      throw new SecureAggregationException(session, null, INVALID_THRESHOLD, "threshold must be >= 2, got " + threshold);
    }
    this.session = session;
    this.threshold = threshold;
  }

  public SessionId session() {
    return session;
  }

  public int threshold() {
    return threshold;
  }

  /** Step 1: a participant's (already signature-checked) advertisement; all come before any share. */
  public synchronized void addAdvertisement(KeyAdvertisement advertisement) {
    require(shares.isEmpty(), WRONG_STEP, "advertisement of " + advertisement.index() + " after shares arrived");
    advertised.put(advertisement.index(), advertisement);
  }

  /** U1, to send to every advertised participant for share keys. */
  public synchronized Map<Integer, KeyAdvertisement> advertised() {
    return Map.copyOf(advertised);
  }

  /** Step 2: the ciphertexts {@code from} addressed to every other member of U1, keyed by receiver. */
  public synchronized void addShares(int from, Map<Integer, byte[]> ciphertexts) {
    require(threshold <= advertised.size(), INVALID_THRESHOLD, "threshold " + threshold + " exceeds |U1| = " + advertised.size());
    require(advertised.containsKey(from), NOT_A_MEMBER, "participant " + from + " sent shares but did not advertise");
    require(masked.isEmpty(), WRONG_STEP, "shares of " + from + " after masked inputs arrived");
    Set<Integer> expected = new TreeSet<>(advertised.keySet());
    expected.remove(from);
    require(expected.equals(new TreeSet<>(ciphertexts.keySet())), NOT_A_SUBSET,
        "participant " + from + " shared with " + ciphertexts.keySet() + ", expected exactly " + expected);
    shares.put(from, Map.copyOf(ciphertexts));
  }

  /** U2: the participants whose shares arrived, to send with {@link #sharesFor} for the masked input. */
  public synchronized Set<Integer> sharing() {
    return Set.copyOf(shares.keySet());
  }

  /** The ciphertexts addressed to {@code to} from the members of U2, keyed by sender. */
  public synchronized Map<Integer, byte[]> sharesFor(int to) {
    Map<Integer, byte[]> out = new LinkedHashMap<>();
    shares.forEach((from, byReceiver) -> {
      if (byReceiver.containsKey(to)) {
        out.put(from, byReceiver.get(to));
      }
    });
    return out;
  }

  /** Step 3: a member of U2's masked input y; all have the same length. */
  public synchronized void addMaskedInput(int from, long[] maskedInput) {
    require(shares.containsKey(from), NOT_A_MEMBER, "participant " + from + " sent a masked input but is not in U2");
    require(responses.isEmpty(), WRONG_STEP, "masked input of " + from + " after unmasking began");
    require(length < 0 || maskedInput.length == length, LENGTH_MISMATCH,
        "participant " + from + " sent " + maskedInput.length + " values, others " + length);
    length = maskedInput.length;
    masked.put(from, maskedInput.clone());
  }

  /** U3: the participants whose masked inputs arrived, to send for unmasking; the sum is over them. */
  public synchronized Set<Integer> survivors() {
    return Set.copyOf(masked.keySet());
  }

  /** The participants {@link #sum()} adds up (U3), in index order. */
  public synchronized Set<Integer> summed() {
    return new TreeSet<>(masked.keySet());
  }

  /**
   * Step 4: a survivor's unmasking answer. It must give a self-mask share for every member of U3 and
   * a mask-key share for every member of U2 \ U3, and nothing else (never both for one participant).
   */
  public synchronized void addUnmaskResponse(int from, UnmaskResponse response) {
    require(masked.containsKey(from), NOT_A_MEMBER, "participant " + from + " answered the unmasking but is not in U3");
    Set<Integer> dropped = new HashSet<>(shares.keySet());
    dropped.removeAll(masked.keySet());
    require(response.selfMaskShares().keySet().equals(masked.keySet())
        && response.maskKeyShares().keySet().equals(dropped), NOT_A_SUBSET,
        "participant " + from + " revealed self-mask shares of " + response.selfMaskShares().keySet()
            + " and mask-key shares of " + response.maskKeyShares().keySet() + ", expected " + masked.keySet() + " and " + dropped);
    responses.put(from, response);
  }

  /**
   * Σ_{i∈U3} x_i mod 2^64.
   *
   * @throws SecureAggregationException BELOW_THRESHOLD if |U3| &lt; t, NOT_ENOUGH_RESPONSES if fewer than t
   *     survivors answered the unmasking
   */
  public synchronized long[] sum() {
    require(masked.size() >= threshold, BELOW_THRESHOLD, "|U3| = " + masked.size() + " masked inputs arrived, t = " + threshold + " needed");
    require(responses.size() >= threshold, NOT_ENOUGH_RESPONSES, responses.size() + " of " + masked.size()
        + " survivors answered the unmasking, " + threshold + " needed");
    long[] total = new long[length];
    masked.values().forEach(y -> MaskGenerator.add(total, y, 1));
    for (int i : masked.keySet()) {
      byte[] seed = ShamirSharing.reconstruct(sharesOf(i, true), SessionKdf.KEY_BYTES);
      MaskGenerator.add(total, MaskGenerator.selfMask(seed, session, length), -1);
    }
    for (int d : shares.keySet()) {
      if (!masked.containsKey(d)) {
        removePairMasksOfDropped(total, d);
      }
    }
    return total;
  }

  /** Survivor i added sign(i, d) × PRG(s_id); recompute it from d's reconstructed key and take it out. */
  private void removePairMasksOfDropped(long[] total, int d) {
    PrivateKey key = X25519Keys.privateFromScalar(ShamirSharing.reconstruct(sharesOf(d, false), X25519Keys.KEY_BYTES));
    for (int i : masked.keySet()) {
      long[] pairMask = MaskGenerator.pairMask(key, advertised.get(i).maskPublicKey(), session, d, i, length);
      MaskGenerator.add(total, pairMask, -MaskGenerator.sign(i, d));
    }
  }

  /** Any t of the answered shares of {@code owner}'s self-mask seed or mask key. */
  private Map<Integer, byte[]> sharesOf(int owner, boolean selfMask) {
    Map<Integer, byte[]> out = new TreeMap<>();
    for (Map.Entry<Integer, UnmaskResponse> r : responses.entrySet()) {
      byte[] share = (selfMask ? r.getValue().selfMaskShares() : r.getValue().maskKeyShares()).get(owner);
      if (share != null && out.size() < threshold) {
        out.put(r.getKey(), share);
      }
    }
    require(out.size() >= threshold, NOT_ENOUGH_RESPONSES, "only " + out.size() + " shares of participant " + owner + "'s "
        + (selfMask ? "self-mask seed" : "mask key") + ", " + threshold + " needed");
    return out;
  }

  private void require(boolean condition, SecureAggregationException.Reason reason, String rule) {
    if (!condition) {
      throw new SecureAggregationException(session, null, reason, rule);
    }
  }
}
