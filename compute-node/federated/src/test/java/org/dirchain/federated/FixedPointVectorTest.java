package org.dirchain.federated;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedPointVectorTest {

  private static final double ULP = Math.scalb(1.0, -FixedPointVector.FRACTION_BITS);

  /** Adds encodings the way secure aggregation does: mod 2^64, lane by lane. */
  private static long[] sum(long[]... encodings) {
    long[] s = new long[encodings[0].length];
    for (long[] e : encodings) {
      for (int i = 0; i < s.length; i++) {
        s[i] += e[i];
      }
    }
    return s;
  }

  @Test
  void sumsOfEncodingsDecodeToTheSumOfTheValues() {
    Random random = new Random(7);
    int parties = 8;
    int n = 200;
    double[] expected = new double[n];
    long[][] encodings = new long[parties][];
    for (int p = 0; p < parties; p++) {
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        // From tiny coefficients to counts and sums of squares far beyond 2^63 · 2^-32.
        double magnitude = Math.pow(10, random.nextInt(30) - 8);
        v[i] = (random.nextBoolean() ? -1 : 1) * random.nextDouble() * magnitude;
        expected[i] += v[i];
      }
      encodings[p] = FixedPointVector.encode(v);
    }
    double[] decoded = FixedPointVector.decode(sum(encodings));
    for (int i = 0; i < n; i++) {
      double tolerance = parties * ULP + Math.abs(expected[i]) * 1e-15;
      assertEquals(expected[i], decoded[i], tolerance, "value " + i);
    }
  }

  @Test
  void integersAndNegativesAreExact() {
    double[] a = {0, 1, -1, 123456789, -987654321.5, Math.scalb(1.0, 70), -Math.scalb(1.0, 70)};
    double[] b = {0, -1, -1, 1, 0.5, Math.scalb(1.0, 70), 3};
    double[] expected = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      expected[i] = a[i] + b[i];
    }
    assertArrayEquals(expected, FixedPointVector.decode(sum(FixedPointVector.encode(a), FixedPointVector.encode(b))));
    assertEquals(3 * a.length, FixedPointVector.encode(a).length);
  }

  @Test
  void unrepresentableValuesAreRefusedByIndex() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FixedPointVector.encode(new double[] {1, Double.NaN}));
    assertTrue(e.getMessage().startsWith("value 1 (NaN)"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FixedPointVector.encode(new double[] {Math.scalb(1.0, 101)}));
  }

  @Test
  void aVectorWithAMaskLeftInIsRefused() {
    long[] masked = FixedPointVector.encode(new double[] {1.5});
    masked[1] += 0x9E3779B97F4A7C15L; // a mask lane that did not cancel
    assertThrows(IllegalArgumentException.class, () -> FixedPointVector.decode(masked));
  }

  @Test
  void stageVectorsRoundTrip() {
    FeatureMoments m = new FeatureMoments(42, new double[] {1.5, -2}, new double[] {9, 16});
    assertEquals(m, FeatureMoments.fromVector(FixedPointVector.decode(FixedPointVector.encode(m.toVector())), 2));
    Evaluation e = new Evaluation(ModelKind.LINEAR, 10, 3.25, 0, new long[0], new long[0]);
    assertEquals(e, Evaluation.fromVector(ModelKind.LINEAR, e.toVector()));
    WeightedUpdate u = WeightedUpdate.of(new Model(new double[] {0.5, -1}, 2), 100, 0.25);
    WeightedUpdate twice = WeightedUpdate.fromVector(FixedPointVector.decode(sum(FixedPointVector.encode(u.toVector()),
        FixedPointVector.encode(u.toVector()))), 2);
    assertEquals(new Model(new double[] {0.5, -1}, 2), twice.meanModel());
    assertEquals(0.25, twice.meanLoss(), 1e-12);
  }
}
