package org.dirchain.federated;

import java.util.List;

/**
 * The result of a federated training job.
 *
 * @param model final global model, on standardised features ({@link Standardiser#toRawScale} converts)
 * @param history the rounds run by this call (all of them unless it resumed from a checkpoint)
 * @param contributions each participant's rows and rounds, as counted by this call
 * @param converged true if training stopped because the model change fell below the tolerance
 * @param roundsRun rounds run in the whole job, those before a resumed checkpoint included
 * @param lastParticipants whose update went into the final round's aggregate
 */
public record TrainingOutcome(Model model, Standardiser standardiser, List<RoundMetrics> history,
    List<ClientContribution> contributions, boolean converged, int roundsRun, List<String> lastParticipants) {

  public TrainingOutcome {
    history = List.copyOf(history);
    contributions = List.copyOf(contributions);
    lastParticipants = List.copyOf(lastParticipants);
  }

  public RoundMetrics lastRound() {
    return history.get(history.size() - 1);
  }
}
