package org.dirchain.node.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dirchain.federated.ClientContribution;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.Federation;
import org.dirchain.federated.Model;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.RoundConfig;
import org.dirchain.federated.Stage;
import org.dirchain.federated.StageRequest;
import org.dirchain.federated.StageResult;
import org.dirchain.federated.Standardiser;
import org.dirchain.federated.TrainingOutcome;
import org.dirchain.federated.TrainingPlan;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.privacy.DpTraining;
import org.dirchain.node.privacy.ReleaseJournal;
import org.dirchain.node.privacy.TrainingNoise;
import org.dirchain.node.query.Filter;
import org.dirchain.node.query.Operator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under differential privacy no exact row count leaves a node: every count the coordinator sees
 * (the moments' count, each round's row field and FedAvg weight, the contribution that becomes the
 * attested weight) is the job's one released noisy count, so two jobs whose data differ by one
 * filtered row no longer give weights exactly one row × rounds apart. Without DP nothing changes.
 * Statistical tolerances are {@value #Z} standard errors at the sample size drawn; noise is seeded.
 */
class PrivateRowCountTest {
  static final int ROUNDS = 4;
  static final double Z = 5;
  static final List<Filter> AGE_UP_TO_70 = List.of(new Filter("age", Operator.LE, List.of("70")));

  @TempDir static Path dir;
  static SyntheticData.Split data;
  static CsvTable withOneMoreRow;

  @BeforeAll
  static void data() {
    List<SyntheticData.Row> rows = SyntheticData.logistic(FederatedLogisticTest.BETA, FederatedLogisticTest.INTERCEPT,
        650, 11);
    data = SyntheticData.write(dir, rows, 300, 200, 150);
    List<SyntheticData.Row> plusOne = new ArrayList<>(rows.subList(0, 300));
    plusOne.add(new SyntheticData.Row(new double[] {52, 27, 6.5, 130, 3.2}, 1)); // aged 52: it passes the filter
    withOneMoreRow = SyntheticData.writeTable(dir.resolve("hospital0-plus-one.csv"), plusOne);
  }

  static TrainingSpec spec(List<Filter> filters, double holdout) {
    return new TrainingSpec(ModelKind.LOGISTIC, SyntheticData.FEATURES, "y", filters, 1e-4, ROUNDS, 1, 1.0,
        TrainingSpec.FULL_BATCH, 0, holdout, 42);
  }

  static DpTraining dp() {
    Map<String, double[]> bounds = new HashMap<>();
    for (int i = 0; i < SyntheticData.FEATURES.size(); i++) {
      bounds.put(SyntheticData.FEATURES.get(i), new double[] {SyntheticData.MEAN[i] - 4 * SyntheticData.SD[i],
          SyntheticData.MEAN[i] + 4 * SyntheticData.SD[i]});
    }
    return new DpTraining(1.0, 1e-5, 1.0, bounds, ROUNDS);
  }

  static long exactTrainingRows(LocalTable table, TrainingSpec spec) {
    return TrainingRows.bind(spec, table.schema()).forEach(table, TrainingRows.Part.TRAIN, (r, x, y) -> { });
  }

  /** What the coordinator receives from each secure sum: the sum and the per-node row field. */
  static final class Recording implements Federation {
    final Federation inner;
    final List<StageResult> results = new ArrayList<>();

    Recording(Federation inner) {
      this.inner = inner;
    }

    @Override
    public StageResult run(StageRequest request, List<String> participants) {
      StageResult r = inner.run(request, participants);
      results.add(r);
      return r;
    }
  }

  static TrainingOutcome train(TrainingSpec spec, List<Client> clients, Recording recording) {
    TrainingPlan base = spec.plan(2);
    TrainingPlan plan = new TrainingPlan(base.kind(), base.dimension(), base.rounds(), base.tolerance(), 2,
        base.localEpochs(), base.learningRate(), base.batchSize(), base.l2(), false);
    return new FederatedTrainer(new FedAvg(plan)).train(plan, recording, clients.stream().map(Client::id).toList());
  }

  static long weight(TrainingOutcome outcome, String id) {
    ClientContribution c = outcome.contributions().stream().filter(x -> x.clientId().equals(id)).findFirst().orElseThrow();
    return c.rowsUsed() * c.roundsParticipated(); // what the node attests
  }

  @Test
  void everyCountTheCoordinatorSeesIsTheJobsReleasedCountNotTheExactOne() {
    TrainingSpec spec = spec(AGE_UP_TO_70, 0.2);
    List<Client> clients = new ArrayList<>();
    List<TrainingNoise> noises = new ArrayList<>();
    long exactTotal = 0;
    for (int i = 0; i < 3; i++) {
      noises.add(TrainingNoise.inMemory(dp(), DifferentiallyPrivateTrainingTest.seeded(100 + i)));
      clients.add(new LocalClient("hospital-" + i, data.nodes().get(i), noises.get(i)));
      exactTotal += exactTrainingRows(data.nodes().get(i), spec);
    }
    Recording seen = new Recording(new LocalFederation(spec, clients));
    TrainingOutcome outcome = train(spec, clients, seen);

    long releasedTotal = 0;
    for (int i = 0; i < 3; i++) {
      long exact = exactTrainingRows(data.nodes().get(i), spec);
      long released = noises.get(i).releasedCount(-1); // the count drawn during the job
      releasedTotal += released;
      assertNotEquals(exact, released, "hospital-" + i + " released its exact count");
      assertTrue(Math.abs(released - exact) <= Z * Math.sqrt(dp().countVariance().value()), released + " vs " + exact);
      for (StageResult fit : seen.results.stream().filter(r -> r.stage() == Stage.FIT).toList()) {
        assertEquals(released, fit.rows().get("hospital-" + i), "round " + fit.round() + " row field");
      }
      assertEquals(released * ROUNDS, weight(outcome, "hospital-" + i), "attested weight = released count × rounds");
    }
    StageResult moments = seen.results.get(0);
    assertEquals(Stage.MOMENTS, moments.stage());
    assertEquals(releasedTotal, moments.sum()[0], 1e-9, "the moments' count in the sum");
    assertNotEquals(exactTotal, Math.round(moments.sum()[0]));
    for (StageResult fit : seen.results.subList(1, seen.results.size())) {
      assertEquals(releasedTotal, fit.sum()[0], 1e-9, "round " + fit.round() + ": the FedAvg weights in the sum");
    }
  }

  @Test
  void withoutPrivacyTheCountsAreExactAsBefore() {
    TrainingSpec spec = spec(AGE_UP_TO_70, 0.2);
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      clients.add(new LocalClient("hospital-" + i, data.nodes().get(i)));
    }
    Recording seen = new Recording(new LocalFederation(spec, clients));
    TrainingOutcome outcome = train(spec, clients, seen);
    for (int i = 0; i < 3; i++) {
      long exact = exactTrainingRows(data.nodes().get(i), spec);
      assertEquals(exact * ROUNDS, weight(outcome, "hospital-" + i));
      assertEquals(exact, seen.results.get(1).rows().get("hospital-" + i));
    }
  }

  /** The differencing attack: the same spec over data one filtered row apart, one job each. */
  @Test
  void twoJobsOnDataOneRowApartGetWeightsWhoseDifferenceIsNoisy() {
    TrainingSpec spec = spec(AGE_UP_TO_70, 0);
    assertEquals(exactTrainingRows(data.nodes().get(0), spec) + 1, exactTrainingRows(withOneMoreRow, spec));
    long[] withoutDp = new long[2];
    long[] withDp = new long[2];
    List<LocalTable> firstNode = List.of(data.nodes().get(0), withOneMoreRow);
    for (int job = 0; job < 2; job++) {
      List<Client> plain = List.of(new LocalClient("a", firstNode.get(job)), new LocalClient("b", data.nodes().get(1)));
      withoutDp[job] = weight(train(spec, plain, new Recording(new LocalFederation(spec, plain))), "a");
      List<Client> noisy = List.of(
          new LocalClient("a", firstNode.get(job), TrainingNoise.inMemory(dp(), DifferentiallyPrivateTrainingTest.seeded(7 + job))),
          new LocalClient("b", data.nodes().get(1), TrainingNoise.inMemory(dp(), DifferentiallyPrivateTrainingTest.seeded(70 + job))));
      withDp[job] = weight(train(spec, noisy, new Recording(new LocalFederation(spec, noisy))), "a");
    }
    assertEquals(ROUNDS, withoutDp[1] - withoutDp[0], "without DP the weights give the row away");
    assertEquals(0, withDp[0] % ROUNDS);
    assertNotEquals(ROUNDS, withDp[1] - withDp[0], "under DP the difference is not one row × rounds");

    // Over many job pairs the difference of the released counts is 1 plus noise of variance 2σ²: no exact 1.
    SecureRandom random = DifferentiallyPrivateTrainingTest.seeded(2024);
    int pairs = 400;
    double sum = 0;
    double sumSq = 0;
    for (int k = 0; k < pairs; k++) {
      long d = TrainingNoise.inMemory(dp(), random).releasedCount(301) - TrainingNoise.inMemory(dp(), random).releasedCount(300);
      sum += d;
      sumSq += (double) d * d;
    }
    double variance = 2 * dp().countVariance().value();
    double mean = sum / pairs;
    assertEquals(1, mean, Z * Math.sqrt(variance / pairs), "mean difference");
    assertEquals(variance, sumSq / pairs - mean * mean, Z * variance * Math.sqrt(2.0 / pairs), "variance of the difference");
  }

  @Test
  void theCountIsDrawnOnceAndRememberedAcrossARestart(@TempDir Path journalDir) {
    Instant until = Instant.now().plusSeconds(3600);
    long first;
    try (ReleaseJournal journal = ReleaseJournal.open(journalDir, Clock.systemUTC())) {
      TrainingNoise noise = new TrainingNoise(dp(), new SecureRandom(), journal, "training/1/2/count", until);
      first = noise.releasedCount(500);
      assertEquals(first, noise.releasedCount(500), "asked again: the same count");
    }
    try (ReleaseJournal journal = ReleaseJournal.open(journalDir, Clock.systemUTC())) {
      TrainingNoise restarted = new TrainingNoise(dp(), new SecureRandom(), journal, "training/1/2/count", until);
      assertEquals(first, restarted.releasedCount(501), "after a restart, whatever the rows are now");
      assertEquals(1, journal.size());
    }
  }

  /** A node whose filters match nothing still takes a noisy step, so its model moving does not say it has rows. */
  @Test
  void aNodeWithoutMatchingRowsStillStepsWithNoise() {
    TrainingSpec none = spec(List.of(new Filter("age", Operator.GT, List.of("1000"))), 0);
    Standardiser standardiser = Standardiser.from(LocalTrainer.moments(data.pooled(), spec(List.of(), 0)));
    RoundConfig config = new RoundConfig(1, 1, 1.0, TrainingSpec.FULL_BATCH, 1e-4);
    LocalUpdate plain = new LocalTrainer(data.nodes().get(0), none, standardiser).fit(config, Model.zeros(5));
    assertEquals(0, plain.rowsUsed());
    assertEquals(0, plain.model().distanceTo(Model.zeros(5)), "without DP an empty node does not step");
    TrainingNoise noise = TrainingNoise.inMemory(dp(), DifferentiallyPrivateTrainingTest.seeded(5));
    LocalUpdate noisy = new LocalTrainer(data.nodes().get(0), none, standardiser, noise).fit(config, Model.zeros(5));
    assertTrue(noisy.model().distanceTo(Model.zeros(5)) > 0, "under DP it steps with noise");
    assertEquals(noise.releasedCount(0), noisy.rowsUsed());
  }
}
