package org.dirchain.secagg;

import static org.dirchain.secagg.SessionHarness.inputs;
import static org.dirchain.secagg.SessionHarness.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.dirchain.secagg.SessionHarness.Dropouts;
import org.dirchain.secagg.SessionHarness.Run;
import org.junit.jupiter.api.Test;

/** What the server sees: no single input, and masks that never repeat across sessions. */
class ServerViewTest {
  private static final int LENGTH = 500;

  @Test
  void everyMaskedInputDiffersFromItsInputInEveryCoordinate() {
    Map<Integer, long[]> in = inputs(3, LENGTH, 9);
    Run run = run(new SessionId(4, "FIT", 1, 0), in, Dropouts.NONE);
    for (int i : in.keySet()) {
      assertEquals(0, equalCoordinates(run.maskedSeen().get(i), in.get(i)), "participant " + i + "'s masked input shows input values");
    }
  }

  @Test
  void theSameInputIsMaskedDifferentlyInAnotherSession() {
    Map<Integer, long[]> in = inputs(3, LENGTH, 10);
    Run a = run(new SessionId(4, "FIT", 1, 0), in, Dropouts.NONE);
    Run b = run(new SessionId(4, "FIT", 1, 1), in, Dropouts.NONE);
    for (int i : in.keySet()) {
      assertEquals(0, equalCoordinates(a.maskedSeen().get(i), b.maskedSeen().get(i)), "participant " + i + "'s masks repeat");
    }
    assertArrayEquals(a.server().sum(), b.server().sum());
  }

  @Test
  void theSelfMaskHidesAnInputEvenWhenAllItsPairMasksCancel() {
    // With two participants, y_a + y_b − y_b's pair mask part would leave x_a + PRG(b_a): still masked.
    Map<Integer, long[]> in = inputs(3, LENGTH, 11);
    Run run = run(new SessionId(4, "FIT", 2, 0), in, Dropouts.NONE);
    long[] sumOfTwo = run.maskedSeen().get(7).clone();
    MaskGenerator.add(sumOfTwo, run.maskedSeen().get(14), 1);
    long[] plainTwo = SessionHarness.plainSum(in, java.util.Set.of(7, 14));
    assertEquals(0, equalCoordinates(sumOfTwo, plainTwo), "a partial sum of masked inputs reveals a partial sum of inputs");
  }

  private static int equalCoordinates(long[] a, long[] b) {
    int equal = 0;
    for (int k = 0; k < a.length; k++) {
      equal += a[k] == b[k] ? 1 : 0;
    }
    return equal;
  }
}
