package org.dirchain.secagg;

import static org.dirchain.secagg.SessionHarness.inputs;
import static org.dirchain.secagg.SessionHarness.plainSum;
import static org.dirchain.secagg.SessionHarness.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.dirchain.secagg.SecureAggregationException.Reason;
import org.dirchain.secagg.SessionHarness.Dropouts;
import org.dirchain.secagg.SessionHarness.Run;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The server's result is the plain wraparound sum over exactly the survivors, whatever drops out. */
class SecureSumTest {

  @ParameterizedTest(name = "{0} participants, {1} values")
  @CsvSource({"3, 1", "3, 31", "3, 1000", "5, 1", "5, 31", "5, 1000"})
  void theSumIsTheWraparoundSumOfTheInputs(int n, int length) {
    Map<Integer, long[]> in = inputs(n, length, n * 1000L + length);
    Run run = run(new SessionId(1, "FIT", 1, 0), in, Dropouts.NONE);
    assertArrayEquals(plainSum(in, in.keySet()), run.server().sum());
    assertEquals(in.keySet(), run.server().summed());
  }

  @Test
  void theInputsReallyWrapAround() {
    Map<Integer, long[]> in = Map.of(1, new long[] {Long.MAX_VALUE}, 2, new long[] {Long.MAX_VALUE}, 3, new long[] {3});
    Run run = run(new SessionId(1, "FIT", 2, 0), in, Dropouts.NONE);
    assertArrayEquals(new long[] {1}, run.server().sum(), "2^63 − 1 + 2^63 − 1 + 3 = 1 mod 2^64");
  }

  @Test
  void aParticipantThatOnlyAdvertisedIsLeftOut() {
    Map<Integer, long[]> in = inputs(5, 31, 42);
    Run run = run(new SessionId(2, "FIT", 1, 0), in, new Dropouts(Set.of(7), Set.of(), Set.of()));
    assertArrayEquals(plainSum(in, Set.of(14, 21, 28, 35)), run.server().sum());
    assertEquals(Set.of(14, 21, 28, 35), run.server().summed());
  }

  @Test
  void aParticipantThatSharedButSentNoMaskedInputIsLeftOutAndItsPairMasksRemoved() {
    Map<Integer, long[]> in = inputs(5, 31, 43);
    Run run = run(new SessionId(2, "FIT", 2, 0), in, new Dropouts(Set.of(), Set.of(14, 28), Set.of()));
    assertArrayEquals(plainSum(in, Set.of(7, 21, 35)), run.server().sum());
    assertEquals(Set.of(7, 21, 35), run.server().summed());
  }

  @Test
  void aSurvivorSilentInTheUnmaskingIsStillSummed() {
    Map<Integer, long[]> in = inputs(5, 31, 44);
    Run run = run(new SessionId(2, "FIT", 3, 0), in, new Dropouts(Set.of(), Set.of(14), Set.of(21)));
    assertArrayEquals(plainSum(in, Set.of(7, 21, 28, 35)), run.server().sum(), "3 of 4 survivors answered, 3 needed");
  }

  @Test
  void dropOutsAtEveryStepTogether() {
    Map<Integer, long[]> in = inputs(8, 17, 45);
    // 8 participants, t = 5: one stops at each step, 5 of the 6 survivors answer.
    Run run = run(new SessionId(2, "FIT", 4, 0), in, new Dropouts(Set.of(7), Set.of(14), Set.of(21)));
    assertArrayEquals(plainSum(in, Set.of(21, 28, 35, 42, 49, 56)), run.server().sum());
  }

  @Test
  void tooManyDropOutsAfterAdvertisingStopTheMaskedInput() {
    Map<Integer, long[]> in = inputs(5, 4, 1);
    var e = assertThrows(SecureAggregationException.class,
        () -> run(new SessionId(3, "FIT", 1, 0), in, new Dropouts(Set.of(7, 14, 21), Set.of(), Set.of())));
    assertEquals(Reason.BELOW_THRESHOLD, e.reason());
    assertTrue(e.getMessage().contains("|U2| = 2 participants shared keys, t = 3 needed"), e.getMessage());
  }

  @Test
  void tooManyDropOutsAfterSharingStopTheUnmasking() {
    Map<Integer, long[]> in = inputs(5, 4, 2);
    var e = assertThrows(SecureAggregationException.class,
        () -> run(new SessionId(3, "FIT", 2, 0), in, new Dropouts(Set.of(), Set.of(7, 14, 21), Set.of())));
    assertEquals(Reason.BELOW_THRESHOLD, e.reason());
    assertTrue(e.getMessage().contains("|U3| = 2 survivors, t = 3 needed"), e.getMessage());
  }

  @Test
  void tooFewUnmaskingAnswersFailWithTheCountNeeded() {
    Map<Integer, long[]> in = inputs(3, 4, 3);
    Run run = run(new SessionId(3, "FIT", 3, 0), in, new Dropouts(Set.of(), Set.of(), Set.of(7, 14)));
    var e = assertThrows(SecureAggregationException.class, () -> run.server().sum());
    assertEquals(Reason.NOT_ENOUGH_RESPONSES, e.reason());
    assertTrue(e.getMessage().contains("1 of 3 survivors answered the unmasking, 2 needed"), e.getMessage());
    assertTrue(e.getMessage().contains("3/FIT/3/0"), "names the session: " + e.getMessage());
  }
}
