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
import org.dirchain.federated.Evaluation;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.InvalidTrainingSpecException;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.TrainingOutcome;
import org.dirchain.federated.TrainingPlan;
import org.dirchain.node.privacy.DpTraining;
import org.dirchain.node.privacy.IntegerOnlyRandom;
import org.dirchain.node.privacy.TrainingNoise;
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

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trains privately on the three nodes; returns the pooled hold-out evaluation of the released model. */
  static Evaluation trainAndEvaluate(DpTraining dp, long seed) {
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clients.add(new LocalClient("hospital-" + i, data.nodes().get(i), TrainingNoise.inMemory(dp, seeded(seed + i))));
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
    // Add/remove one row: a step's clipped sum moves by at most C; each step spends 0.85·rho/steps.
    assertEquals(1 / Math.sqrt(2 * 0.85 * rho / ROUNDS), dp.stepNoise(), 1e-12);
    DpTraining longer = new DpTraining(1.0, 1e-5, 1.0, Map.of(), 4 * ROUNDS);
    assertEquals(2 * dp.stepNoise(), longer.stepNoise(), 1e-9, "four times the steps, twice the noise");
    assertTrue(dp(0.1).stepNoise() > 5 * dp.stepNoise(), "less epsilon, more noise");
  }

  /**
   * The exact variances the sampler is given, with the sensitivities in fixed-point units (count 1,
   * moments √(2d)·2^k, a step 2^k), compose to at most rho: Δ²/(2σ²) summed over the releases.
   */
  @Test
  void theExactNoiseVariancesSpendAtMostTheJobsRho() {
    for (double epsilon : new double[] {0.05, 1, 8}) {
      DpTraining dp = dp(epsilon);
      int d = SyntheticData.FEATURES.size();
      double unit = DpTraining.ROW_BOUND_UNITS;
      double spent = 1 / (2 * dp.countVariance().value())
          + 2 * d * unit * unit / (2 * dp.momentsVariance(d).value())
          + ROUNDS * unit * unit / (2 * dp.stepVariance().value());
      assertTrue(spent <= dp.rho(), "epsilon " + epsilon + ": spent " + spent + " of " + dp.rho());
      assertEquals(dp.rho(), spent, dp.rho() * 1e-8, "the rounding up costs next to nothing");
      assertEquals(dp.stepNoise() * unit, Math.sqrt(dp.stepVariance().value()), dp.stepNoise() * unit * 1e-8,
          "the integer noise is the step noise in units of C·2^-k");
    }
  }

  /** The whole private path — moments, clipped fixed-point gradients, noise — draws no floating-point randomness. */
  @Test
  void privateTrainingNeverDrawsFloatingPointNoise() {
    IntegerOnlyRandom random = new IntegerOnlyRandom();
    TrainingNoise noise = TrainingNoise.inMemory(dp(1), random);
    var standardiser = org.dirchain.federated.Standardiser.from(LocalTrainer.moments(data.nodes().get(2), SPEC, noise));
    LocalUpdate update = new LocalTrainer(data.nodes().get(2), SPEC, standardiser, noise)
        .fit(new org.dirchain.federated.RoundConfig(1, 1, 1.0, TrainingSpec.FULL_BATCH, 1e-4),
            org.dirchain.federated.Model.zeros(5));
    assertTrue(update.model().distanceTo(org.dirchain.federated.Model.zeros(5)) > 0, "the model moved");
    assertTrue(random.bytesDrawn() > 0, "the noise came from this source, as uniform bytes only");
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
        () -> new LocalTrainer(data.pooled(), miniBatch, standardiser, TrainingNoise.inMemory(dp(1), new SecureRandom())));
    LocalTrainer trainer = new LocalTrainer(data.pooled(), SPEC, standardiser, TrainingNoise.inMemory(dp(1), new SecureRandom()));
    assertThrows(IllegalStateException.class, () -> trainer.evaluate(org.dirchain.federated.Model.zeros(5)));
  }
}
