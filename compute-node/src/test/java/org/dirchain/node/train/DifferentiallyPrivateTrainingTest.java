package org.dirchain.node.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.dirchain.federated.Evaluation;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.InvalidTrainingSpecException;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.TrainingOutcome;
import org.dirchain.federated.TrainingPlan;
import org.dirchain.node.privacy.DpTraining;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DP gradient descent: the accounting is the zCDP one, the noise is there, and a generous epsilon still learns. */
class DifferentiallyPrivateTrainingTest {

  static final int ROUNDS = 30;
  static final TrainingSpec SPEC = new TrainingSpec(ModelKind.LOGISTIC, SyntheticData.FEATURES, "y", List.of(),
      1e-4, ROUNDS, 1, 1.0, TrainingSpec.FULL_BATCH, 0, 0.2, 42);

  @TempDir static Path dir;
  static SyntheticData.Split data;

  @BeforeAll
  static void data() {
    data = SyntheticData.write(dir, SyntheticData.logistic(FederatedLogisticTest.BETA, FederatedLogisticTest.INTERCEPT,
        6000, 7), SyntheticData.NODE_ROWS);
  }

  static DpTraining dp(double epsilon) {
    Map<String, double[]> bounds = new HashMap<>();
    for (int i = 0; i < SyntheticData.FEATURES.size(); i++) {
      bounds.put(SyntheticData.FEATURES.get(i), new double[] {SyntheticData.MEAN[i] - 4 * SyntheticData.SD[i],
          SyntheticData.MEAN[i] + 4 * SyntheticData.SD[i]});
    }
    return new DpTraining(epsilon, 1e-5, 1.0, bounds, ROUNDS);
  }

  /** Trains privately on the three nodes; returns the pooled hold-out evaluation of the released model. */
  static Evaluation trainAndEvaluate(DpTraining dp, long seed) {
    Random noise = new Random(seed);
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clients.add(new LocalClient("hospital-" + i, data.nodes().get(i), dp, noise));
    }
    TrainingPlan base = SPEC.plan(3);
    TrainingPlan plan = new TrainingPlan(base.kind(), base.dimension(), base.rounds(), base.tolerance(), 3,
        base.localEpochs(), base.learningRate(), base.batchSize(), base.l2(), false);
    TrainingOutcome outcome = new FederatedTrainer(new FedAvg(plan))
        .train(plan, new LocalFederation(SPEC, clients), clients.stream().map(Client::id).toList());
    assertEquals(0, outcome.lastRound().evaluation().count(), "no hold-out metrics are released under DP");
    return new LocalTrainer(data.pooled(), SPEC, outcome.standardiser()).evaluate(outcome.model());
  }

  @Test
  void theBudgetIsSplitByZeroConcentratedAccounting() {
    DpTraining dp = dp(1.0);
    double rho = dp.rho();
    assertEquals(1.0, rho + 2 * Math.sqrt(rho * Math.log(1 / 1e-5)), 1e-12, "rho converts back to epsilon");
    // Each step spends 0.9·rho/steps: sigma = 2C / sqrt(2·rho_step).
    assertEquals(2 / Math.sqrt(2 * 0.9 * rho / ROUNDS), dp.stepNoise(), 1e-12);
    DpTraining longer = new DpTraining(1.0, 1e-5, 1.0, Map.of(), 4 * ROUNDS);
    assertEquals(2 * dp.stepNoise(), longer.stepNoise(), 1e-9, "four times the steps, twice the noise");
    assertTrue(dp(0.1).stepNoise() > 5 * dp.stepNoise(), "less epsilon, more noise");
  }

  @Test
  void aGenerousEpsilonStillLearnsAndATightOneAddsVisibleNoise() {
    Evaluation exact = new LocalTrainer(data.pooled(), SPEC,
        org.dirchain.federated.Standardiser.from(LocalTrainer.moments(data.pooled(), SPEC)))
        .evaluate(LocalFederation.train(SPEC, 3, List.of(new LocalClient("a", data.nodes().get(0)),
            new LocalClient("b", data.nodes().get(1)), new LocalClient("c", data.nodes().get(2)))).model());
    Evaluation generous = trainAndEvaluate(dp(8), 1);
    Evaluation tight = trainAndEvaluate(dp(0.05), 1);
    assertTrue(generous.accuracy() > exact.accuracy() - 0.03, "epsilon 8: " + generous + " vs " + exact);
    assertTrue(tight.logLoss() > generous.logLoss(), "epsilon 0.05: " + tight + " vs epsilon 8: " + generous);
  }

  @Test
  void privateTrainingRefusesMiniBatchesAndHoldsBackEvaluation() {
    TrainingSpec miniBatch = new TrainingSpec(ModelKind.LOGISTIC, SyntheticData.FEATURES, "y", List.of(), 1e-4, ROUNDS, 1,
        1.0, 100, 0, 0.2, 42);
    var standardiser = org.dirchain.federated.Standardiser.from(LocalTrainer.moments(data.pooled(), SPEC));
    assertThrows(InvalidTrainingSpecException.class,
        () -> new LocalTrainer(data.pooled(), miniBatch, standardiser, dp(1), new SecureRandom()));
    LocalTrainer trainer = new LocalTrainer(data.pooled(), SPEC, standardiser, dp(1), new SecureRandom());
    assertThrows(IllegalStateException.class, () -> trainer.evaluate(org.dirchain.federated.Model.zeros(5)));
  }
}
