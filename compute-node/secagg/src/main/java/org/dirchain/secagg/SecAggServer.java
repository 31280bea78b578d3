package org.dirchain.secagg;

import java.security.PrivateKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The server's side of one secure sum: routes the encrypted shares, collects the masked inputs, and
 * from at least {@code threshold} unmasking responses removes the survivors' self masks and the
 * dropped participants' pairwise masks. What it returns is the sum over the survivors; it never
 * holds one participant's input unmasked.
 */
public final class SecAggServer {
  private final SessionId session;
  private final int threshold;
  private final Map<Integer, KeyAdvertisement> advertised = new TreeMap<>();
  private final Map<Integer, Map<Integer, byte[]>> shares = new TreeMap<>(); // from -> (to -> ciphertext)
  private final Map<Integer, long[]> masked = new TreeMap<>();
  private final Map<Integer, UnmaskResponse> responses = new TreeMap<>();
  private int length = -1;

  public SecAggServer(SessionId session, int threshold) {
    if (threshold < 2) {
      throw new IllegalArgumentException("threshold must be >= 2, got " + threshold);
    }
    this.session = session;
    this.threshold = threshold;
  }

  public int threshold() {
    return threshold;
  }

  public synchronized void addAdvertisement(KeyAdvertisement a) {
    require(shares.isEmpty(), "advertisements come before any share");
    advertised.put(a.index(), a);
  }

  public synchronized Map<Integer, KeyAdvertisement> advertised() {
    return Map.copyOf(advertised);
  }

  public synchronized void addShares(int from, Map<Integer, byte[]> ciphertexts) {
    require(advertised.containsKey(from), "participant " + from + " did not advertise");
    require(masked.isEmpty(), "shares come before any masked input");
    require(advertised.keySet().containsAll(ciphertexts.keySet()), "participant " + from + " shared with strangers");
    shares.put(from, Map.copyOf(ciphertexts));
  }

  /** The participants whose shares arrived (U2). */
  public synchronized Set<Integer> sharing() {
    return Set.copyOf(new TreeSet<>(shares.keySet()));
  }

  /** The ciphertexts addressed to {@code to}, keyed by sender. */
  public synchronized Map<Integer, byte[]> sharesFor(int to) {
    Map<Integer, byte[]> out = new LinkedHashMap<>();
    shares.forEach((from, byTo) -> {
      if (byTo.containsKey(to)) {
        out.put(from, byTo.get(to));
      }
    });
    return out;
  }

  public synchronized void addMaskedInput(int from, long[] y) {
    require(shares.containsKey(from), "participant " + from + " sent a masked input without sharing keys");
    require(responses.isEmpty(), "masked inputs come before unmasking");
    require(length < 0 || y.length == length, "participant " + from + " sent " + y.length + " values, others " + length);
    length = y.length;
    masked.put(from, y.clone());
  }

  /** The participants whose masked inputs arrived (U3): the ones the sum is over. */
  public synchronized Set<Integer> survivors() {
    return Set.copyOf(new TreeSet<>(masked.keySet()));
  }

  public synchronized void addUnmaskResponse(int from, UnmaskResponse response) {
    require(masked.containsKey(from), "participant " + from + " is not a survivor");
    responses.put(from, response);
  }

  /**
   * @throws SecureAggregationException if fewer than threshold survivors or responses arrived
   */
  public synchronized long[] sum() {
    require(masked.size() >= threshold, masked.size() + " masked inputs arrived, " + threshold + " needed");
    require(responses.size() >= threshold, responses.size() + " survivors answered the unmasking, " + threshold + " needed");
    long[] total = new long[length];
    masked.values().forEach(y -> MaskGenerator.add(total, y, 1));
    for (int j : masked.keySet()) {
      byte[] seed = ShamirSharing.reconstruct(collect(j, true), Primitives.SEED_BYTES);
      MaskGenerator.add(total, Primitives.expand(MaskGenerator.selfMaskSeed(seed, session), length), -1);
    }
    for (int d : shares.keySet()) {
      if (masked.containsKey(d)) {
        continue;
      }
      PrivateKey key = X25519.decodePrivate(ShamirSharing.reconstruct(collect(d, false), X25519.KEY_BYTES));
      for (int i : masked.keySet()) {
        byte[] seed = MaskGenerator.pairSeed(key, advertised.get(i).maskPublicKey(), session, d, i);
        MaskGenerator.add(total, Primitives.expand(seed, length), -MaskGenerator.sign(i, d));
      }
    }
    return total;
  }

  private Map<Integer, byte[]> collect(int owner, boolean selfMask) {
    Map<Integer, byte[]> out = new HashMap<>();
    for (Map.Entry<Integer, UnmaskResponse> r : responses.entrySet()) {
      byte[] share = (selfMask ? r.getValue().selfMaskShares() : r.getValue().maskKeyShares()).get(owner);
      if (share != null && out.size() < threshold) {
        out.put(r.getKey(), share);
      }
    }
    require(out.size() >= threshold, "only " + out.size() + " shares of participant " + owner + "'s "
        + (selfMask ? "self mask" : "mask key") + ", " + threshold + " needed");
    return out;
  }

  private void require(boolean condition, String rule) {
    if (!condition) {
      throw new SecureAggregationException(session, rule);
    }
  }
}
