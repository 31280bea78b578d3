package org.dirchain.secagg;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/** Runs whole sessions in process, with participants that stop after a given step. */
final class SessionHarness {
  static final SecureRandom RANDOM = new SecureRandom();

  private SessionHarness() {}

  /** Who stops where: after advertising, after sharing keys, or after sending the masked input. */
  record Dropouts(Set<Integer> afterAdvertise, Set<Integer> afterShare, Set<Integer> afterMask) {
    static final Dropouts NONE = new Dropouts(Set.of(), Set.of(), Set.of());
  }

  /** The server, and every masked input the server saw. */
  record Run(SecAggServer server, Map<Integer, long[]> maskedSeen) {}

  static Run run(SessionId id, Map<Integer, long[]> inputs, Dropouts drop) {
    Map<Integer, SecAggParticipant> p = new TreeMap<>();
    inputs.keySet().forEach(i -> p.put(i, new SecAggParticipant(id, i, RANDOM)));
    SecAggServer server = new SecAggServer(id, SecAggParticipant.recommendedThreshold(inputs.size()));
    p.values().forEach(x -> server.addAdvertisement(x.advertise()));
    p.forEach((i, x) -> {
      if (!drop.afterAdvertise().contains(i)) {
        server.addShares(i, x.shareKeys(server.advertised(), server.threshold()));
      }
    });
    Map<Integer, long[]> seen = new HashMap<>();
    for (int i : server.sharing()) {
      if (!drop.afterShare().contains(i)) {
        long[] y = p.get(i).maskedInput(server.sharing(), server.sharesFor(i), inputs.get(i));
        seen.put(i, y);
        server.addMaskedInput(i, y);
      }
    }
    for (int i : server.survivors()) {
      if (!drop.afterMask().contains(i)) {
        server.addUnmaskResponse(i, p.get(i).unmask(server.survivors()));
      }
    }
    return new Run(server, seen);
  }

  /** Random longs over the whole range, with the extremes mixed in so sums wrap around. */
  static Map<Integer, long[]> inputs(int n, int length, long seed) {
    Random r = new Random(seed);
    long[] extremes = {Long.MAX_VALUE, Long.MIN_VALUE, -1, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};
    Map<Integer, long[]> in = new TreeMap<>();
    for (int i = 1; i <= n; i++) {
      long[] x = new long[length];
      for (int k = 0; k < length; k++) {
        x[k] = k % 4 == 0 ? extremes[r.nextInt(extremes.length)] : r.nextLong();
      }
      in.put(i * 7, x); // organisation ids need not be consecutive
    }
    return in;
  }

  static long[] plainSum(Map<Integer, long[]> inputs, Set<Integer> over) {
    long[] s = new long[inputs.values().iterator().next().length];
    for (int i : over) {
      for (int k = 0; k < s.length; k++) {
        s[k] += inputs.get(i)[k];
      }
    }
    return s;
  }
}
