package org.dirchain.secagg;

import static org.dirchain.secagg.SessionHarness.RANDOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dirchain.secagg.SecureAggregationException.Reason;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The rules that keep the server from learning both masks of one participant, and from feeding a
 * participant shares that were altered or belong elsewhere.
 */
class NeverBothRuleTest {
  private final SessionId id = new SessionId(5, "FIT", 1, 0);
  private final Map<Integer, SecAggParticipant> p = new TreeMap<>();
  private SecAggServer server;

  /** Four participants, t = 3, all through the masked input. */
  @BeforeEach
  void throughMaskedInput() {
    for (int i = 1; i <= 4; i++) {
      p.put(i, new SecAggParticipant(id, i, RANDOM));
    }
    server = new SecAggServer(id, 3);
    p.values().forEach(x -> server.addAdvertisement(x.advertise()));
    p.forEach((i, x) -> server.addShares(i, x.shareKeys(server.advertised(), 3)));
    p.forEach((i, x) -> server.addMaskedInput(i, x.maskedInput(server.sharing(), server.sharesFor(i), new long[] {i})));
  }

  @Test
  void aSecondUnmaskingIsRefusedWhateverItsSurvivorSet() {
    UnmaskResponse first = p.get(1).unmask(Set.of(1, 2, 3));
    assertEquals(Set.of(1, 2, 3), first.selfMaskShares().keySet());
    assertEquals(Set.of(4), first.maskKeyShares().keySet(), "the key share only of the one outside U3");
    assertRefused(Reason.ALREADY_UNMASKED, 1, () -> p.get(1).unmask(Set.of(1, 2, 4)));
    assertRefused(Reason.ALREADY_UNMASKED, 1, () -> p.get(1).unmask(Set.of(1, 2, 3)));
  }

  @Test
  void aSurvivorSetWithoutTheParticipantIsRefused() {
    assertRefused(Reason.NOT_A_MEMBER, 1, () -> p.get(1).unmask(Set.of(2, 3, 4)));
  }

  @Test
  void aSurvivorSetBelowTheThresholdIsRefused() {
    assertRefused(Reason.BELOW_THRESHOLD, 1, () -> p.get(1).unmask(Set.of(1, 2)));
  }

  @Test
  void aSurvivorSetOutsideTheSharingSetIsRefused() {
    assertRefused(Reason.NOT_A_SUBSET, 1, () -> p.get(1).unmask(Set.of(1, 2, 9)));
  }

  @Test
  void aRefusedRequestDoesNotUseUpTheOneAnswer() {
    assertThrows(SecureAggregationException.class, () -> p.get(2).unmask(Set.of(1, 2)));
    UnmaskResponse answer = p.get(2).unmask(Set.of(1, 2, 3, 4));
    assertEquals(Set.of(1, 2, 3, 4), answer.selfMaskShares().keySet());
    assertTrue(answer.maskKeyShares().isEmpty());
  }

  @Test
  void theServerRefusesAnAnswerRevealingBothSharesOfOneParticipant() {
    UnmaskResponse honest = p.get(1).unmask(Set.of(1, 2, 3, 4));
    Map<Integer, byte[]> keys = new HashMap<>();
    keys.put(4, new byte[ShamirSharing.SHARE_BYTES]);
    var e = assertThrows(SecureAggregationException.class,
        () -> server.addUnmaskResponse(1, new UnmaskResponse(honest.selfMaskShares(), keys)));
    assertEquals(Reason.NOT_A_SUBSET, e.reason());
  }

  @Test
  void stepsOutOfOrderAreRefused() {
    assertRefused(Reason.WRONG_STEP, 1, () -> p.get(1).advertise());
    assertRefused(Reason.WRONG_STEP, 1, () -> p.get(1).shareKeys(server.advertised(), 3));
    assertRefused(Reason.WRONG_STEP, 1, () -> p.get(1).maskedInput(server.sharing(), server.sharesFor(1), new long[] {1}));
  }

  @Test
  void aThresholdOutsideTwoToTheParticipantCountIsRefused() {
    SecAggParticipant a = new SecAggParticipant(id, 1, RANDOM);
    SecAggParticipant b = new SecAggParticipant(id, 2, RANDOM);
    Map<Integer, KeyAdvertisement> ads = Map.of(1, a.advertise(), 2, b.advertise());
    assertRefused(Reason.INVALID_THRESHOLD, 1, () -> a.shareKeys(ads, 1));
    assertRefused(Reason.INVALID_THRESHOLD, 1, () -> a.shareKeys(ads, 3));
    assertEquals(2, a.shareKeys(ads, 2).size() + 1, "valid threshold: one ciphertext for the other participant");
    assertEquals(3, SecAggParticipant.recommendedThreshold(5));
    assertEquals(2, SecAggParticipant.recommendedThreshold(3));
  }

  @Test
  void aTamperedShareIsRefused() {
    SecAggParticipant a = new SecAggParticipant(id, 1, RANDOM);
    SecAggParticipant b = new SecAggParticipant(id, 2, RANDOM);
    Map<Integer, KeyAdvertisement> ads = Map.of(1, a.advertise(), 2, b.advertise());
    byte[] tampered = a.shareKeys(ads, 2).get(2);
    b.shareKeys(ads, 2);
    tampered[40] ^= 0x01; // one bit of the ciphertext body
    var e = assertRefused(Reason.BAD_SHARE, 2, () -> b.maskedInput(Set.of(1, 2), Map.of(1, tampered), new long[] {5}));
    assertTrue(e.getMessage().contains("does not authenticate"), e.getMessage());
  }

  @Test
  void aShareFromAnotherSessionIsRefusedEvenUnderTheSameKeys() {
    // Same X25519 keys on both sides, so only the session in the KDF info and the AAD tells them apart.
    var c1 = X25519Keys.generate(RANDOM);
    var c2 = X25519Keys.generate(RANDOM);
    var pair = new ShareEncryption.SharePair(new byte[ShamirSharing.SHARE_BYTES], new byte[ShamirSharing.SHARE_BYTES]);
    byte[] sealed = new ShareEncryption(id, 1, c1.getPrivate()).seal(2, X25519Keys.toRaw(c2.getPublic()), pair, RANDOM);
    byte[] c1Raw = X25519Keys.toRaw(c1.getPublic());
    new ShareEncryption(id, 2, c2.getPrivate()).open(1, c1Raw, sealed); // opens in its own session
    SessionId nextAttempt = new SessionId(5, "FIT", 1, 1);
    var e = assertThrows(SecureAggregationException.class,
        () -> new ShareEncryption(nextAttempt, 2, c2.getPrivate()).open(1, c1Raw, sealed));
    assertEquals(Reason.BAD_SHARE, e.reason());
  }

  @Test
  void aShareAddressedToAnotherParticipantIsRefused() {
    // Participant 2 receives the share 1 sent to 3, as if 1 had sent it to 2.
    SessionId other = new SessionId(5, "FIT", 2, 0);
    Map<Integer, SecAggParticipant> q = new TreeMap<>();
    for (int i = 1; i <= 3; i++) {
      q.put(i, new SecAggParticipant(other, i, RANDOM));
    }
    SecAggServer s = new SecAggServer(other, 2);
    q.values().forEach(x -> s.addAdvertisement(x.advertise()));
    q.forEach((i, x) -> s.addShares(i, x.shareKeys(s.advertised(), 2)));
    Map<Integer, byte[]> misrouted = new HashMap<>(s.sharesFor(2));
    misrouted.put(1, s.sharesFor(3).get(1));
    assertRefused(Reason.BAD_SHARE, 2, () -> q.get(2).maskedInput(s.sharing(), misrouted, new long[] {1}));
  }

  private static SecureAggregationException assertRefused(Reason reason, int participant, Executable call) {
    var e = assertThrows(SecureAggregationException.class, call);
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(participant, e.participant());
    assertTrue(e.getMessage().contains("participant " + participant), e.getMessage());
    return e;
  }
}
