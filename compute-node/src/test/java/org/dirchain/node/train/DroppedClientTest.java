package org.dirchain.node.train;

import org.dirchain.federated.ClientContribution;
import org.dirchain.federated.ClientFailure;
import org.dirchain.federated.Evaluation;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.Model;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.QuorumNotMet;
import org.dirchain.federated.QuorumNotMetException;
import org.dirchain.federated.RoundConfig;
import org.dirchain.federated.RoundMetrics;
import org.dirchain.federated.TrainingOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node that fails from round 3 on: tolerated above the quorum, a clean failure below it. */
class DroppedClientTest {

  static final TrainingSpec SPEC = new TrainingSpec(ModelKind.LOGISTIC, SyntheticData.FEATURES, "y", List.of(),
      1e-4, 6, 2, 0.2, 100, 0, 0.2, 5); // tolerance 0: run all rounds

  @TempDir static Path dir;
  static SyntheticData.Split data;

  @BeforeAll
  static void data() {
    data = SyntheticData.write(dir, SyntheticData.logistic(FederatedLogisticTest.BETA, FederatedLogisticTest.INTERCEPT, 6000, 3),
        SyntheticData.NODE_ROWS);
  }

  /** Delegates to a local client, but its disk "fails" from a given round on. */
  static class FailingFromRound extends ForwardingClient {
    private final int failFrom;

    FailingFromRound(Client delegate, int failFrom) {
      super(delegate);
      this.failFrom = failFrom;
    }

    @Override
    public LocalUpdate fit(RoundConfig config, Model global) {
      if (config.round() >= failFrom) {
        throw new IllegalStateException("disk unavailable");
      }
      return super.fit(config, global);
    }
  }

  static List<Client> clients() {
    return List.of(new LocalClient("hospital-0", data.nodes().get(0)),
        new FailingFromRound(new LocalClient("hospital-1", data.nodes().get(1)), 3),
        new LocalClient("hospital-2", data.nodes().get(2)));
  }

  @Test
  void aboveQuorumTheJobContinuesAndTheHistoryShowsTheDrop() {
    TrainingOutcome outcome = LocalFederation.train(SPEC, 2, clients());

    assertEquals(SPEC.rounds(), outcome.roundsRun());
    for (RoundMetrics m : outcome.history()) {
      if (m.round() < 3) {
        assertEquals(List.of("hospital-0", "hospital-1", "hospital-2"), m.participants(), "round " + m.round());
        assertTrue(m.dropped().isEmpty(), "round " + m.round());
      } else {
        assertEquals(List.of("hospital-0", "hospital-2"), m.participants(), "round " + m.round());
        assertEquals(List.of("hospital-1"), m.droppedIds(), "round " + m.round());
        assertTrue(m.dropped().get(0).reason().contains("disk unavailable"), m.dropped().get(0).reason());
        assertEquals(m.round(), m.dropped().get(0).round());
      }
    }
    assertEquals(new ClientContribution("hospital-1", outcome.contributions().get(1).rowsUsed(), 2), outcome.contributions().get(1));
    assertEquals(SPEC.rounds(), outcome.contributions().get(0).roundsParticipated());
    assertEquals(SPEC.rounds(), outcome.contributions().get(2).roundsParticipated());
    // The dropped node's data still evaluates (it only fails to train), and the model is still useful.
    assertTrue(outcome.lastRound().evaluation().accuracy() > 0.75, outcome.lastRound().evaluation().toString());
  }

  @Test
  void aClientThatFailsToEvaluateStillTrainsAndIsListedAsDropped() {
    Client noEval = new FailingFromRound(new LocalClient("hospital-1", data.nodes().get(1)), Integer.MAX_VALUE) {
      @Override
      public Evaluation evaluate(Model model) {
        throw new IllegalStateException("hold-out unreadable");
      }
    };
    TrainingSpec twoRounds = new TrainingSpec(ModelKind.LOGISTIC, SyntheticData.FEATURES, "y", List.of(), 1e-4, 2, 1, 0.2, 100, 0, 0.2, 5);
    List<Client> clients = List.of(new LocalClient("hospital-0", data.nodes().get(0)), noEval,
        new LocalClient("hospital-2", data.nodes().get(2)));
    TrainingOutcome outcome = LocalFederation.train(twoRounds, 3, clients);

    TrainingOutcome healthy = LocalFederation.train(twoRounds, 3, clients());
    for (RoundMetrics m : outcome.history()) {
      assertEquals(3, m.participants().size(), "evaluation failures do not affect aggregation");
      assertEquals(List.of("hospital-1"), m.droppedIds());
    }
    long withoutNode1 = outcome.lastRound().evaluation().count();
    assertTrue(withoutNode1 < healthy.lastRound().evaluation().count(), "hospital-1's hold-out is left out of the sums");
    assertEquals(healthy.model(), outcome.model(), "same updates, same model");
  }

  @Test
  void belowQuorumTheOutcomeIsACleanFailureNamingRoundAndClient() {
    List<RoundMetrics> progress = new ArrayList<>();
    QuorumNotMetException e = assertThrows(QuorumNotMetException.class,
        () -> LocalFederation.train(SPEC, 3, clients(), progress::add));

    QuorumNotMet decision = e.decision();
    assertEquals(3, decision.round());
    assertEquals(3, decision.required());
    assertEquals(2, decision.succeeded());
    assertEquals(List.of("hospital-1"), decision.failures().stream().map(ClientFailure::clientId).toList());
    assertEquals("round 3: 2 of 3 clients succeeded, 3 required; dropped: hospital-1 (IllegalStateException: disk unavailable)",
        e.getMessage());
    assertEquals(List.of(1, 2), progress.stream().map(RoundMetrics::round).toList(), "rounds before the failure were reported");
  }
}
