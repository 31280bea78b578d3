package org.dirchain.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairwiseMasksTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final BigInteger N = BigInteger.probablePrime(512, RANDOM).multiply(BigInteger.probablePrime(512, RANDOM));
  private static final SessionId SESSION = new SessionId(42, "AGGREGATE", 0, 0);

  private static Map<Integer, byte[]> peersOf(int self, List<PairwiseMasks> all) {
    Map<Integer, byte[]> peers = new HashMap<>();
    for (int j = 0; j < all.size(); j++) {
      if (j != self) {
        peers.put(j, all.get(j).publicKey());
      }
    }
    return peers;
  }

  @Test
  void theMasksOfAllParticipantsCancelInTheSumModN() {
    List<PairwiseMasks> parts = List.of(new PairwiseMasks(SESSION, 0, RANDOM), new PairwiseMasks(SESSION, 1, RANDOM),
        new PairwiseMasks(SESSION, 2, RANDOM));
    BigInteger[][] values = {
        {BigInteger.valueOf(5), BigInteger.valueOf(-3), N.subtract(BigInteger.ONE)},
        {BigInteger.valueOf(7), BigInteger.valueOf(10), BigInteger.TWO},
        {BigInteger.ZERO, BigInteger.valueOf(1), BigInteger.valueOf(100)}};
    BigInteger[] sum = {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO};
    for (int i = 0; i < 3; i++) {
      BigInteger[] masked = parts.get(i).mask(values[i], peersOf(i, parts), N);
      for (int k = 0; k < 3; k++) {
        assertTrue(masked[k].signum() >= 0 && masked[k].compareTo(N) < 0, "a residue mod n");
        assertNotEquals(values[i][k].mod(N), masked[k], "masked");
        sum[k] = sum[k].add(masked[k]).mod(N);
      }
    }
    assertArrayEquals(new BigInteger[] {BigInteger.valueOf(12), BigInteger.valueOf(8), BigInteger.valueOf(101)}, sum);
  }

  @Test
  void withoutOneParticipantTheMasksDoNotCancel() {
    List<PairwiseMasks> parts = List.of(new PairwiseMasks(SESSION, 0, RANDOM), new PairwiseMasks(SESSION, 1, RANDOM),
        new PairwiseMasks(SESSION, 2, RANDOM));
    BigInteger[] zero = {BigInteger.ZERO};
    BigInteger partial = parts.get(0).mask(zero, peersOf(0, parts), N)[0].add(parts.get(1).mask(zero, peersOf(1, parts), N)[0]).mod(N);
    assertNotEquals(BigInteger.ZERO, partial, "two of three masked vectors still carry the masks with the third");
  }

  @Test
  void keysMaskOneVectorOnlyAndNeedAPeer() {
    PairwiseMasks a = new PairwiseMasks(SESSION, 0, RANDOM);
    PairwiseMasks b = new PairwiseMasks(SESSION, 1, RANDOM);
    assertThrows(SecureAggregationException.class, () -> a.mask(new BigInteger[] {BigInteger.ONE}, Map.of(), N));
    a.mask(new BigInteger[] {BigInteger.ONE}, Map.of(1, b.publicKey()), N);
    SecureAggregationException again = assertThrows(SecureAggregationException.class,
        () -> a.mask(new BigInteger[] {BigInteger.ONE}, Map.of(1, b.publicKey()), N));
    assertEquals(SecureAggregationException.Reason.WRONG_STEP, again.reason());
  }

  @Test
  void thePrgIsDeterministicPerSeedAndSpreadOverTheModulus() {
    byte[] seed = new byte[32];
    seed[0] = 1;
    BigInteger[] a = PairwiseMasks.prg(seed, N, 64);
    assertArrayEquals(a, PairwiseMasks.prg(seed, N, 64));
    seed[0] = 2;
    assertNotEquals(a[0], PairwiseMasks.prg(seed, N, 1)[0]);
    long high = java.util.Arrays.stream(a).filter(x -> x.compareTo(N.shiftRight(1)) > 0).count();
    assertTrue(high > 16 && high < 48, "about half the residues above n/2: " + high);
  }
}
