package org.dirchain.federated;

import java.util.List;
import java.util.Objects;

/**
 * Where a training job stands after its setup or one of its rounds: enough for another process to
 * continue it exactly (the round loop is deterministic given the global model and the agreed
 * scaling). Kept by whoever runs the loop; nothing in it is one participant's data.
 *
 * @param round rounds completed (0 after setup)
 * @param standardiser the scaling agreed at setup
 * @param model the global model after {@code round}
 * @param active the participants that agreed on the scaling (the only ones asked in later rounds)
 * @param lastParticipants whose update went into round {@code round}'s aggregate (empty after setup)
 * @param converged whether the model stopped moving in round {@code round}
 */
public record TrainingCheckpoint(int round, Standardiser standardiser, Model model, List<String> active,
    List<String> lastParticipants, boolean converged) {

  public TrainingCheckpoint {
    if (round < 0) {
      throw new IllegalArgumentException("round must be >= 0, got " + round);
    }
    Objects.requireNonNull(standardiser, "standardiser");
    Objects.requireNonNull(model, "model");
    active = List.copyOf(active);
    lastParticipants = List.copyOf(lastParticipants);
  }

  /** Whether the plan has nothing left to run from here. */
  public boolean finished(TrainingPlan plan) {
    return converged || round >= plan.rounds();
  }
}
