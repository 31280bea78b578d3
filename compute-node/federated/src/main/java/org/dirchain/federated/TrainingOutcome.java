package org.dirchain.federated;

import java.util.List;

/**
 * The result of a federated training job.
 *
 * @param model final global model, on standardised features ({@link Standardiser#toRawScale} converts)
 * @param converged true if training stopped because the model change fell below the tolerance
 */
public record TrainingOutcome(Model model, Standardiser standardiser, List<RoundMetrics> history,
    List<ClientContribution> contributions, boolean converged) {

  public TrainingOutcome {
    history = List.copyOf(history);
    contributions = List.copyOf(contributions);
  }

  public int roundsRun() {
    return history.size();
  }

  public RoundMetrics lastRound() {
    return history.get(history.size() - 1);
  }
}
