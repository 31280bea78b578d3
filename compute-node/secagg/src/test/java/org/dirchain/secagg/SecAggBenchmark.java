package org.dirchain.secagg;

import java.util.Map;

/**
 * Wall time of one whole in-process session (3 participants, all steps, server included), after
 * warm-up. Not a test: run it by hand from the test classpath, e.g.
 * {@code java -cp target/classes:target/test-classes org.dirchain.secagg.SecAggBenchmark}.
 */
public final class SecAggBenchmark {
  private SecAggBenchmark() {}

  public static void main(String[] args) {
    for (int length : new int[] {31, 100_000}) {
      Map<Integer, long[]> in = SessionHarness.inputs(3, length, length);
      int warmup = length > 1000 ? 20 : 300;
      int measured = length > 1000 ? 30 : 500;
      for (int k = 0; k < warmup; k++) {
        once(k, in);
      }
      long start = System.nanoTime();
      for (int k = 0; k < measured; k++) {
        once(warmup + k, in);
      }
      double ms = (System.nanoTime() - start) / 1e6 / measured;
      System.out.printf("3 participants, %,d longs: %.2f ms per session (mean of %d)%n", length, ms, measured);
    }
  }

  private static void once(int attempt, Map<Integer, long[]> in) {
    var run = SessionHarness.run(new SessionId(99, "BENCH", 1, attempt), in, SessionHarness.Dropouts.NONE);
    if (run.server().sum().length != in.get(7).length) {
      throw new IllegalStateException("wrong sum length");
    }
  }
}
