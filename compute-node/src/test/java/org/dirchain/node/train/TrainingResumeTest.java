package org.dirchain.node.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.RoundMetrics;
import org.dirchain.federated.TrainingCheckpoint;
import org.dirchain.federated.TrainingOutcome;
import org.dirchain.federated.TrainingPlan;
import org.dirchain.federated.TrainingProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job continued from a checkpoint by a fresh trainer (another process, in production) ends with
 * the model, rounds and last participants of the job never interrupted.
 */
class TrainingResumeTest {

  @TempDir Path dir;

  private static final TrainingSpec SPEC = new TrainingSpec(ModelKind.LOGISTIC, SyntheticData.FEATURES, "y", List.of(),
      0.05, 12, 2, 0.5, 64, 0, 0.2, 7);

  private List<LocalClient> clients(SyntheticData.Split data) {
    return List.of(new LocalClient("a", data.nodes().get(0)), new LocalClient("b", data.nodes().get(1)),
        new LocalClient("c", data.nodes().get(2)));
  }

  @Test
  void aJobResumedFromARoundCheckpointEndsAsTheUninterruptedJob() {
    SyntheticData.Split data = SyntheticData.write(dir,
        SyntheticData.logistic(FederatedLogisticTest.BETA, FederatedLogisticTest.INTERCEPT, 1500, 23), 700, 500, 300);
    TrainingPlan plan = SPEC.plan(2);
    List<TrainingCheckpoint> checkpoints = new ArrayList<>();
    List<RoundMetrics> rounds = new ArrayList<>();
    TrainingProgress recorder = new TrainingProgress() {
      @Override
      public void setupDone(TrainingCheckpoint checkpoint) {
        checkpoints.add(checkpoint);
      }

      @Override
      public void roundDone(RoundMetrics metrics, TrainingCheckpoint checkpoint) {
        rounds.add(metrics);
        checkpoints.add(checkpoint);
      }
    };
    List<LocalClient> first = clients(data);
    TrainingOutcome whole = new FederatedTrainer(new FedAvg(plan), recorder)
        .train(plan, new LocalFederation(SPEC, first), List.of("a", "b", "c"));
    assertEquals(13, checkpoints.size(), "setup and every round");
    assertEquals(0, checkpoints.get(0).round());
    assertEquals(12, whole.roundsRun());

    // The process stops after round 5; a new one (fresh clients, nothing prepared) continues from its checkpoint.
    TrainingCheckpoint afterFive = checkpoints.get(5);
    assertEquals(5, afterFive.round());
    List<RoundMetrics> resumedRounds = new ArrayList<>();
    TrainingOutcome resumed = new FederatedTrainer(new FedAvg(plan), (m, c) -> resumedRounds.add(m))
        .resume(plan, new LocalFederation(SPEC, clients(data)), afterFive);

    assertArrayEquals(whole.model().coefficients(), resumed.model().coefficients(), 1e-12);
    assertEquals(whole.model().intercept(), resumed.model().intercept(), 1e-12);
    assertEquals(12, resumed.roundsRun(), "rounds of the whole job");
    assertEquals(7, resumed.history().size(), "rounds run after the checkpoint");
    assertEquals(List.of("a", "b", "c"), resumed.lastParticipants());
    for (int i = 0; i < 7; i++) {
      assertEquals(rounds.get(5 + i).round(), resumedRounds.get(i).round());
      assertEquals(rounds.get(5 + i).evaluation().accuracy(), resumedRounds.get(i).evaluation().accuracy(), 1e-12);
    }
  }

  @Test
  void aFinishedCheckpointRunsNoRoundAndGivesItsModel() {
    SyntheticData.Split data = SyntheticData.write(dir,
        SyntheticData.logistic(FederatedLogisticTest.BETA, FederatedLogisticTest.INTERCEPT, 600, 5), 200, 200, 200);
    TrainingPlan plan = SPEC.plan(2);
    List<TrainingCheckpoint> checkpoints = new ArrayList<>();
    TrainingOutcome whole = new FederatedTrainer(new FedAvg(plan), (m, c) -> checkpoints.add(c))
        .train(plan, new LocalFederation(SPEC, clients(data)), List.of("a", "b", "c"));
    TrainingCheckpoint last = checkpoints.get(checkpoints.size() - 1);
    assertTrue(last.finished(plan));
    List<RoundMetrics> none = new ArrayList<>();
    TrainingOutcome again = new FederatedTrainer(new FedAvg(plan), (m, c) -> none.add(m))
        .resume(plan, new LocalFederation(SPEC, clients(data)), last);
    assertTrue(none.isEmpty());
    assertEquals(whole.model(), again.model());
    assertEquals(whole.roundsRun(), again.roundsRun());
    assertEquals(whole.lastParticipants(), again.lastParticipants());
  }
}
