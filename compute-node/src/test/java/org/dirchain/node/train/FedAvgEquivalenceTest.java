package org.dirchain.node.train;

import org.dirchain.federated.FedAvg;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.TrainingOutcome;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With full batch, one local epoch and no hold-out, FedAvg weighted by rows is exactly centralised
 * gradient descent (the weighted mean of the nodes' steps is the step on the pooled gradient), so
 * the two must agree to rounding — a sharp check of the gradient, the L2 term and the weighting.
 */
class FedAvgEquivalenceTest {

  @TempDir Path dir;

  @Test
  void oneEpochFullBatchFedAvgIsCentralisedGradientDescent() {
    TrainingSpec spec = new TrainingSpec(ModelKind.LOGISTIC, SyntheticData.FEATURES, "y", List.of(),
        0.05, 15, 1, 0.8, TrainingSpec.FULL_BATCH, 0, 0, 1);
    SyntheticData.Split data = SyntheticData.write(dir,
        SyntheticData.logistic(FederatedLogisticTest.BETA, FederatedLogisticTest.INTERCEPT, 1500, 17), 900, 400, 200);
    TrainingOutcome fed = LocalFederation.train(spec, 3, List.of(
        new LocalClient("a", data.nodes().get(0)), new LocalClient("b", data.nodes().get(1)), new LocalClient("c", data.nodes().get(2))));
    TrainingOutcome central = LocalFederation.train(spec, 1, List.of(new LocalClient("all", data.pooled())));

    assertEquals(15, fed.roundsRun());
    assertArrayEquals(central.model().coefficients(), fed.model().coefficients(), 1e-9);
    assertEquals(central.model().intercept(), fed.model().intercept(), 1e-9);
    for (int r = 0; r < 15; r++) {
      assertEquals(central.history().get(r).trainLoss(), fed.history().get(r).trainLoss(), 1e-9, "train loss of round " + (r + 1));
    }
  }
}
