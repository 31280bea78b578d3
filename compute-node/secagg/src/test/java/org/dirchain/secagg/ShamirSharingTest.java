package org.dirchain.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** t-out-of-n over GF(2^521 − 1): every t-subset reconstructs, no (t−1)-subset does. */
class ShamirSharingTest {
  private static final List<Integer> INDICES = List.of(3, 5, 8, 13, 21);

  @Test
  void everySubsetOfThresholdSharesReconstructsAndEverySmallerOneDoesNot() {
    byte[] secret = new byte[32];
    SessionHarness.RANDOM.nextBytes(secret);
    Map<Integer, byte[]> shares = ShamirSharing.split(secret, INDICES, 3, SessionHarness.RANDOM);
    assertEquals(ShamirSharing.SHARE_BYTES, shares.get(3).length);
    int full = 0;
    int partial = 0;
    for (int mask = 1; mask < 1 << INDICES.size(); mask++) {
      Map<Integer, byte[]> subset = new HashMap<>();
      for (int k = 0; k < INDICES.size(); k++) {
        if ((mask & 1 << k) != 0) {
          subset.put(INDICES.get(k), shares.get(INDICES.get(k)));
        }
      }
      byte[] got = ShamirSharing.reconstruct(subset, 32);
      if (subset.size() >= 3) {
        assertArrayEquals(secret, got, "subset " + subset.keySet());
        full++;
      } else {
        assertFalse(Arrays.equals(secret, got), "subset " + subset.keySet() + " below threshold reconstructed");
        partial++;
      }
    }
    assertEquals(16, full, "10 triples, 5 quadruples, 1 quintuple");
    assertEquals(15, partial);
  }

  @Test
  void secretsWithLeadingZerosKeepTheirLength() {
    byte[] secret = new byte[32];
    secret[31] = 7;
    Map<Integer, byte[]> shares = ShamirSharing.split(secret, INDICES, 2, SessionHarness.RANDOM);
    List<Integer> two = new ArrayList<>(INDICES.subList(3, 5));
    assertArrayEquals(secret, ShamirSharing.reconstruct(Map.of(two.get(0), shares.get(two.get(0)), two.get(1), shares.get(two.get(1))), 32));
  }
}
