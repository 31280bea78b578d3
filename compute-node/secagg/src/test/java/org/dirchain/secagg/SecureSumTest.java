package org.dirchain.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Whole sessions in process: the sum is right, survives drop-outs, and the server never sees an input. */
class SecureSumTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Runs a session; participants in dropAfterAdvertise / dropAfterShare / dropAfterMask stop at that step. */
  record Run(SecAggServer server, Map<Integer, long[]> inputs, Map<Integer, long[]> maskedSeen, long[] sum) {}

  static Run run(SessionId id, Map<Integer, long[]> inputs, Set<Integer> dropAfterAdvertise, Set<Integer> dropAfterShare,
      Set<Integer> dropAfterMask) {
    Map<Integer, SecAggParticipant> p = new TreeMap<>();
    inputs.keySet().forEach(i -> p.put(i, new SecAggParticipant(id, i, RANDOM)));
    SecAggServer server = new SecAggServer(id, SecAggParticipant.recommendedThreshold(inputs.size()));
    p.values().forEach(x -> server.addAdvertisement(x.advertise()));
    p.forEach((i, x) -> {
      if (!dropAfterAdvertise.contains(i)) {
        server.addShares(i, x.shareKeys(server.advertised(), server.threshold()));
      }
    });
    Map<Integer, long[]> seen = new HashMap<>();
    for (int i : server.sharing()) {
      if (!dropAfterShare.contains(i)) {
        long[] y = p.get(i).maskedInput(server.sharing(), server.sharesFor(i), inputs.get(i));
        seen.put(i, y);
        server.addMaskedInput(i, y);
      }
    }
    for (int i : server.survivors()) {
      if (!dropAfterMask.contains(i)) {
        server.addUnmaskResponse(i, p.get(i).unmask(server.survivors()));
      }
    }
    return new Run(server, inputs, seen, server.sum());
  }

  static Map<Integer, long[]> inputs(int n, int length, long seed) {
    Random r = new Random(seed);
    Map<Integer, long[]> in = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      long[] x = new long[length];
      for (int k = 0; k < length; k++) {
        x[k] = r.nextLong();
      }
      in.put(i * 7, x); // indices need not be consecutive
    }
    return in;
  }

  static long[] plainSum(Map<Integer, long[]> inputs, Set<Integer> over) {
    long[] s = new long[inputs.values().iterator().next().length];
    over.forEach(i -> {
      for (int k = 0; k < s.length; k++) {
        s[k] += inputs.get(i)[k];
      }
    });
    return s;
  }

  @Test
  void theSumIsTheWraparoundSumOfTheInputs() {
    for (int n : List.of(3, 5)) {
      for (int length : List.of(1, 31, 1000)) {
        Map<Integer, long[]> in = inputs(n, length, n * 1000L + length);
        Run run = run(new SessionId(1, "FIT", 1, 0), in, Set.of(), Set.of(), Set.of());
        assertArrayEquals(plainSum(in, in.keySet()), run.sum(), n + " participants, " + length + " values");
        assertEquals(in.keySet(), run.server().survivors());
      }
    }
  }

  @Test
  void dropOutsAtEveryStepLeaveTheSumOverExactlyTheSurvivors() {
    Map<Integer, long[]> in = inputs(5, 31, 42);
    Run advertiseOnly = run(new SessionId(2, "FIT", 1, 0), in, Set.of(7), Set.of(), Set.of());
    assertArrayEquals(plainSum(in, Set.of(14, 21, 28, 35)), advertiseOnly.sum());
    Run sharedOnly = run(new SessionId(2, "FIT", 2, 0), in, Set.of(), Set.of(14), Set.of());
    assertArrayEquals(plainSum(in, Set.of(7, 21, 28, 35)), sharedOnly.sum());
    Run silentInUnmask = run(new SessionId(2, "FIT", 3, 0), in, Set.of(), Set.of(14), Set.of(21));
    assertArrayEquals(plainSum(in, Set.of(7, 21, 28, 35)), silentInUnmask.sum(), "3 of 4 survivors answered, 3 needed");
  }

  @Test
  void tooManyDropOutsFailWithTheCount() {
    Map<Integer, long[]> in = inputs(3, 4, 1);
    SecureAggregationException e = assertThrows(SecureAggregationException.class,
        () -> run(new SessionId(3, "FIT", 1, 0), in, Set.of(), Set.of(), Set.of(7, 14)));
    assertTrue(e.getMessage().contains("1 survivors answered the unmasking, 2 needed"), e.getMessage());
  }

  @Test
  void theServerSeesNoInputAndMasksNeverRepeat() {
    Map<Integer, long[]> in = inputs(3, 200, 9);
    Run a = run(new SessionId(4, "FIT", 1, 0), in, Set.of(), Set.of(), Set.of());
    Run b = run(new SessionId(4, "FIT", 1, 1), in, Set.of(), Set.of(), Set.of());
    for (int i : in.keySet()) {
      int equal = 0;
      int repeated = 0;
      for (int k = 0; k < 200; k++) {
        equal += a.maskedSeen().get(i)[k] == in.get(i)[k] ? 1 : 0;
        repeated += a.maskedSeen().get(i)[k] == b.maskedSeen().get(i)[k] ? 1 : 0;
      }
      assertEquals(0, equal, "participant " + i + "'s masked input shows input values");
      assertEquals(0, repeated, "participant " + i + "'s masks repeat across sessions");
    }
    assertArrayEquals(a.sum(), b.sum());
  }

  @Test
  void aSurvivorAnswersTheUnmaskingOnceAndOnlyForAValidSet() {
    SessionId id = new SessionId(5, "FIT", 1, 0);
    Map<Integer, SecAggParticipant> p = new TreeMap<>();
    for (int i = 1; i <= 3; i++) {
      p.put(i, new SecAggParticipant(id, i, RANDOM));
    }
    SecAggServer server = new SecAggServer(id, 2);
    p.values().forEach(x -> server.addAdvertisement(x.advertise()));
    p.forEach((i, x) -> server.addShares(i, x.shareKeys(server.advertised(), 2)));
    p.forEach((i, x) -> x.maskedInput(server.sharing(), server.sharesFor(i), new long[] {i}));
    assertThrows(SecureAggregationException.class, () -> p.get(1).unmask(Set.of(2, 3)), "not a survivor itself");
    assertThrows(SecureAggregationException.class, () -> p.get(1).unmask(Set.of(1)), "below threshold");
    assertThrows(SecureAggregationException.class, () -> p.get(1).unmask(Set.of(1, 2, 9)), "a stranger");
    UnmaskResponse first = p.get(1).unmask(Set.of(1, 2));
    assertEquals(Set.of(1, 2), first.selfMaskShares().keySet());
    assertEquals(Set.of(3), first.maskKeyShares().keySet());
    SecureAggregationException again = assertThrows(SecureAggregationException.class, () -> p.get(1).unmask(Set.of(1, 2, 3)));
    assertTrue(again.getMessage().contains("answered once"), again.getMessage());
  }

  @Test
  void aTamperedOrReplayedShareIsRefused() {
    SessionId id = new SessionId(6, "FIT", 1, 0);
    SessionId other = new SessionId(6, "FIT", 1, 1);
    SecAggParticipant a = new SecAggParticipant(id, 1, RANDOM);
    SecAggParticipant b = new SecAggParticipant(id, 2, RANDOM);
    Map<Integer, KeyAdvertisement> ads = Map.of(1, a.advertise(), 2, b.advertise());
    Map<Integer, byte[]> fromA = a.shareKeys(ads, 2);
    b.shareKeys(ads, 2);
    byte[] tampered = fromA.get(2).clone();
    tampered[tampered.length - 1] ^= 1;
    SecureAggregationException e = assertThrows(SecureAggregationException.class,
        () -> b.maskedInput(Set.of(1, 2), Map.of(1, tampered), new long[] {5}));
    assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());

    SecAggParticipant c = new SecAggParticipant(other, 1, RANDOM);
    SecAggParticipant d = new SecAggParticipant(other, 2, RANDOM);
    Map<Integer, KeyAdvertisement> otherAds = Map.of(1, c.advertise(), 2, d.advertise());
    c.shareKeys(otherAds, 2);
    d.shareKeys(otherAds, 2);
    assertThrows(SecureAggregationException.class, () -> d.maskedInput(Set.of(1, 2), Map.of(1, fromA.get(2)), new long[] {5}),
        "a share from another session");
  }

  @Test
  void shamirNeedsThresholdSharesAndHkdfMatchesRfc5869() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    Map<Integer, byte[]> shares = ShamirSharing.split(secret, List.of(3, 5, 8, 13, 21), 3, RANDOM);
    assertArrayEquals(secret, ShamirSharing.reconstruct(Map.of(3, shares.get(3), 8, shares.get(8), 21, shares.get(21)), 32));
    assertArrayEquals(secret, ShamirSharing.reconstruct(Map.of(5, shares.get(5), 13, shares.get(13), 21, shares.get(21)), 32));
    assertTrue(!java.util.Arrays.equals(secret, ShamirSharing.reconstruct(Map.of(3, shares.get(3), 5, shares.get(5)), 32)));
    // RFC 5869, test case 1
    byte[] okm = Primitives.hkdf(hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), hex("000102030405060708090a0b0c"),
        hex("f0f1f2f3f4f5f6f7f8f9"), 42);
    assertArrayEquals(hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"), okm);
  }

  @Test
  void x25519RawKeysRoundTrip() {
    var pair = X25519.generate(RANDOM);
    byte[] raw = X25519.encode(pair.getPublic());
    assertArrayEquals(raw, X25519.encode(X25519.decodePublic(raw)));
    var other = X25519.generate(RANDOM);
    assertArrayEquals(X25519.agree(pair.getPrivate(), other.getPublic()),
        X25519.agree(X25519.decodePrivate(X25519.scalar(other.getPrivate())), X25519.decodePublic(raw)));
  }

  private static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s);
  }
}
