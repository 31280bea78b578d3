package org.dirchain.node.train;

import org.dirchain.federated.Evaluation;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.Model;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.TrainingOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Linear regression with Gaussian noise, trained with mini-batch SGD on three uneven nodes. */
class FederatedLinearTest {

  static final double[] BETA = {3.0, -2.0, 0.5, 0.0, 1.25};
  static final double INTERCEPT = 10.0;
  static final double NOISE = 1.0;

  static final TrainingSpec SPEC = new TrainingSpec(ModelKind.LINEAR, SyntheticData.FEATURES, "y", List.of(),
      0, 50, 2, 0.05, 200, 1e-4, 0.2, 99);

  /**
   * Standardised-scale tolerances. Mini-batch SGD at a constant step keeps jittering around the
   * optimum (stationary sd ≈ √(η σ² / 2B) ≈ 0.01 here), and nodes of different sizes take different
   * numbers of steps per round, so federated and centralised agree to a few hundredths, not exactly.
   * Vs the truth: OLS standard error on ~4 800 rows with σ = 1 is ≈ 0.015, plus the SGD jitter.
   */
  static final double FED_VS_CENTRAL = 0.05;
  static final double FED_VS_TRUTH = 0.08;

  @TempDir static Path dir;
  static TrainingOutcome federated;
  static TrainingOutcome centralised;

  @BeforeAll
  static void train() {
    SyntheticData.Split data = SyntheticData.write(dir, SyntheticData.linear(BETA, INTERCEPT, NOISE, 6000, 11), SyntheticData.NODE_ROWS);
    List<Client> clients = List.of(new LocalClient("a", data.nodes().get(0)), new LocalClient("b", data.nodes().get(1)),
        new LocalClient("c", data.nodes().get(2)));
    federated = LocalFederation.train(SPEC, 3, clients);
    centralised = LocalFederation.train(SPEC, 1, List.of(new LocalClient("pooled", data.pooled())));
  }

  @Test
  void federatedMatchesCentralisedAndTheGeneratingModel() {
    double[] fed = federated.model().coefficients();
    double[] central = centralised.model().coefficients();
    for (int i = 0; i < fed.length; i++) {
      String name = SyntheticData.FEATURES.get(i);
      assertEquals(central[i], fed[i], FED_VS_CENTRAL, "fed vs central, " + name);
      assertEquals(BETA[i], fed[i], FED_VS_TRUTH, "fed vs truth, " + name);
    }
    assertEquals(centralised.model().intercept(), federated.model().intercept(), FED_VS_CENTRAL, "fed vs central, intercept");
    assertEquals(INTERCEPT, federated.model().intercept(), FED_VS_TRUTH, "fed vs truth, intercept");
  }

  @Test
  void holdOutRmseIsTheNoiseLevel() {
    Evaluation fed = federated.lastRound().evaluation();
    Evaluation central = centralised.lastRound().evaluation();
    assertEquals(central.count(), fed.count(), "the nodes' hold-outs together are the pooled hold-out");
    assertEquals(NOISE, fed.rmse(), 0.1);
    assertEquals(central.rmse(), fed.rmse(), 0.02);
  }

  @Test
  void rawScaleInterceptReproducesPredictions() {
    // Predictions must not depend on whether they are made on standardised or raw features.
    Model raw = federated.standardiser().toRawScale(federated.model());
    double[] x = {60, 25, 7.0, 120, 3.0};
    double standardised = SyntheticData.dot(federated.model().coefficients(), federated.standardiser().apply(x))
        + federated.model().intercept();
    assertEquals(standardised, SyntheticData.dot(raw.coefficients(), x) + raw.intercept(), 1e-9);
  }
}
