package org.dirchain.node.train;

import org.dirchain.federated.ClientContribution;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.Model;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.RoundMetrics;
import org.dirchain.federated.TrainingOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dirchain.node.data.CsvTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hospitals with uneven shares of rows from one known logistic model: federated training must
 * match the centralised fit on the pooled rows, and both must recover the generating coefficients.
 */
class FederatedLogisticTest {

  /** True coefficients on standardised features; feature 4 ("sbp") carries no signal. */
  static final double[] BETA = {1.5, -1.0, 0.5, 0.0, 2.0};
  static final double INTERCEPT = -0.5;

  static final TrainingSpec SPEC = new TrainingSpec(ModelKind.LOGISTIC, SyntheticData.FEATURES, "y", List.of(),
      1e-4, 100, 3, 1.0, TrainingSpec.FULL_BATCH, 1e-4, 0.2, 42);

  /**
   * Standardised-scale tolerances. Federated vs centralised: both run full-batch gradient descent to
   * convergence, so they differ only by FedAvg's client drift over 3 local epochs (observed ~1e-3).
   * Vs the truth: the sampling error of the MLE on ~4 800 training rows (about 3 standard errors).
   */
  static final double FED_VS_CENTRAL = 0.01;
  static final double FED_VS_TRUTH = 0.2;

  @TempDir static Path dir;
  static SyntheticData.Split data;
  static TrainingOutcome federated;
  static TrainingOutcome centralised;
  static final List<RoundMetrics> progress = new ArrayList<>();

  @BeforeAll
  static void train() {
    data = SyntheticData.write(dir, SyntheticData.logistic(BETA, INTERCEPT, 6000, 7), SyntheticData.NODE_ROWS);
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < data.nodes().size(); i++) {
      clients.add(new LocalClient("hospital-" + i, data.nodes().get(i)));
    }
    federated = LocalFederation.train(SPEC, 3, clients, progress::add);
    centralised = LocalFederation.train(SPEC, 1, List.of(new LocalClient("pooled", data.pooled())));
  }

  @Test
  void federatedCoefficientsMatchCentralisedFit() {
    double[] fed = federated.model().coefficients();
    double[] central = centralised.model().coefficients();
    for (int i = 0; i < fed.length; i++) {
      assertEquals(central[i], fed[i], FED_VS_CENTRAL, "coefficient of " + SyntheticData.FEATURES.get(i));
    }
    assertEquals(centralised.model().intercept(), federated.model().intercept(), FED_VS_CENTRAL, "intercept");
  }

  @Test
  void federatedFitRecoversTheGeneratingModel() {
    double[] fed = federated.model().coefficients();
    for (int i = 0; i < fed.length; i++) {
      assertEquals(BETA[i], fed[i], FED_VS_TRUTH, "coefficient of " + SyntheticData.FEATURES.get(i));
    }
    assertEquals(INTERCEPT, federated.model().intercept(), FED_VS_TRUTH, "intercept");
    // On raw features the coefficients are β / SD; the raw-scale view must agree with that.
    double[] raw = federated.standardiser().toRawScale(federated.model()).coefficients();
    double[] trueRaw = SyntheticData.rawCoefficients(BETA);
    for (int i = 0; i < raw.length; i++) {
      assertEquals(trueRaw[i], raw[i], FED_VS_TRUTH / SyntheticData.SD[i], "raw coefficient of " + SyntheticData.FEATURES.get(i));
    }
  }

  @Test
  void accuracyWithinOnePointOfCentralised() {
    double fed = federated.lastRound().evaluation().accuracy();
    double central = centralised.lastRound().evaluation().accuracy();
    assertEquals(central, fed, 0.01);
    assertTrue(fed > 0.75, "accuracy " + fed + " is far below what the generating model allows");
  }

  @Test
  void historyAndProgressRecordEveryRound() {
    assertEquals(federated.history(), progress);
    assertTrue(federated.roundsRun() >= 2 && federated.roundsRun() <= SPEC.rounds());
    for (RoundMetrics m : federated.history()) {
      assertEquals(List.of("hospital-0", "hospital-1", "hospital-2"), m.participants());
      assertTrue(m.dropped().isEmpty());
    }
    // Training must make progress: the loss falls from the first round to the last.
    assertTrue(federated.lastRound().trainLoss() < federated.history().get(0).trainLoss());
    if (federated.converged()) {
      assertTrue(federated.lastRound().modelChange() < SPEC.tolerance());
    }
  }

  @Test
  void contributionsCountTrainingRowsAndRounds() {
    long holdout = 0;
    for (int i = 0; i < 3; i++) {
      ClientContribution c = federated.contributions().get(i);
      assertEquals("hospital-" + i, c.clientId());
      assertEquals(federated.roundsRun(), c.roundsParticipated());
      // About 80% of the node's rows train (hold-out 0.2); the split is random per row, so allow 3%.
      assertEquals(0.8 * SyntheticData.NODE_ROWS[i], c.rowsUsed(), 0.03 * SyntheticData.NODE_ROWS[i]);
      holdout += SyntheticData.NODE_ROWS[i] - c.rowsUsed();
    }
    assertEquals(holdout, federated.lastRound().evaluation().count(), "every non-training row is evaluated");
  }

  @Test
  void aucFromSummedHistogramsMatchesExactPooledAuc() {
    List<double[]> scored = new ArrayList<>(); // {probability, label}
    Model model = federated.model();
    for (CsvTable table : data.nodes()) {
      TrainingRows.bind(SPEC, table.schema()).forEach(table, TrainingRows.Part.HOLDOUT, (row, x, y) -> {
        double[] z = federated.standardiser().apply(x);
        double p = LocalTrainer.sigmoid(SyntheticData.dot(model.coefficients(), z) + model.intercept());
        scored.add(new double[] {p, y});
      });
    }
    double exact = exactAuc(scored);
    double fromHistograms = federated.lastRound().evaluation().auc();
    assertEquals(exact, fromHistograms, 0.01);
    assertTrue(exact > 0.8, "exact AUC " + exact);
  }

  /** Mann–Whitney: share of positive–negative pairs ranked right, ties counting one half. */
  static double exactAuc(List<double[]> scored) {
    scored.sort(Comparator.comparingDouble(s -> s[0]));
    double pairs = 0;
    long negativesBelow = 0;
    long positives = 0;
    int i = 0;
    while (i < scored.size()) {
      int j = i;
      long tiedPos = 0;
      long tiedNeg = 0;
      while (j < scored.size() && scored.get(j)[0] == scored.get(i)[0]) {
        if (scored.get(j)[1] == 1) {
          tiedPos++;
        } else {
          tiedNeg++;
        }
        j++;
      }
      pairs += tiedPos * (negativesBelow + 0.5 * tiedNeg);
      negativesBelow += tiedNeg;
      positives += tiedPos;
      i = j;
    }
    return pairs / ((double) positives * negativesBelow);
  }
}
