package org.dirchain.node.train;

import org.dirchain.federated.FeatureMoments;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.Standardiser;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.dirchain.node.data.CsvTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scaling agreed from summed per-node moments equals scaling computed on the pooled rows. */
class StandardiserTest {

  static final TrainingSpec SPEC = new TrainingSpec(ModelKind.LINEAR, SyntheticData.FEATURES, "y", List.of(),
      0, 1, 1, 0.1, TrainingSpec.FULL_BATCH, 0, 0.2, 1);

  @TempDir Path dir;

  @Test
  void combinedMomentsGiveThePooledMeanAndStd() {
    SyntheticData.Split data = SyntheticData.write(dir, SyntheticData.linear(FederatedLinearTest.BETA, 0, 1, 6000, 21),
        SyntheticData.NODE_ROWS);
    FeatureMoments combined = FeatureMoments.empty(SPEC.dimension());
    for (CsvTable node : data.nodes()) {
      combined = combined.plus(LocalTrainer.moments(node, SPEC));
    }
    Standardiser agreed = Standardiser.from(combined);

    // Reference: two-pass mean and population std straight from the generated rows.
    int n = data.rows().size();
    assertEquals(n, combined.count());
    for (int i = 0; i < SPEC.dimension(); i++) {
      double mean = 0;
      for (SyntheticData.Row r : data.rows()) {
        mean += r.x()[i];
      }
      mean /= n;
      double var = 0;
      for (SyntheticData.Row r : data.rows()) {
        var += (r.x()[i] - mean) * (r.x()[i] - mean);
      }
      double std = Math.sqrt(var / n);
      String name = SyntheticData.FEATURES.get(i);
      assertEquals(mean, agreed.mean()[i], 1e-9 * Math.abs(mean), "mean of " + name);
      assertEquals(std, agreed.std()[i], 1e-7 * std, "std of " + name);
    }
    // And it is the same as streaming the pooled table on one node.
    Standardiser pooled = Standardiser.from(LocalTrainer.moments(data.pooled(), SPEC));
    assertArrayEquals(pooled.mean(), agreed.mean(), 1e-9);
    assertArrayEquals(pooled.std(), agreed.std(), 1e-9);
  }

  @Test
  void constantFeatureGetsStdOneAndMapsToZero() {
    FeatureMoments m = new FeatureMoments(4, new double[] {20, 10}, new double[] {100, 40});
    Standardiser s = Standardiser.from(m);
    assertArrayEquals(new double[] {5, 2.5}, s.mean(), 1e-12);
    assertArrayEquals(new double[] {1, Math.sqrt(10 - 6.25)}, s.std(), 1e-12);
    assertArrayEquals(new double[] {0, (4 - 2.5) / Math.sqrt(3.75)}, s.apply(new double[] {5, 4}), 1e-12);
  }

  @Test
  void momentsAreCopiedAndAdditive() {
    double[] sum = {1, 2};
    FeatureMoments a = new FeatureMoments(1, sum, new double[] {1, 4});
    sum[0] = 99;
    assertEquals(1, a.sum()[0], "the record keeps its own copy");
    FeatureMoments b = a.plus(new FeatureMoments(2, new double[] {3, 3}, new double[] {5, 5}));
    assertEquals(new FeatureMoments(3, new double[] {4, 5}, new double[] {6, 9}), b);
  }
}
