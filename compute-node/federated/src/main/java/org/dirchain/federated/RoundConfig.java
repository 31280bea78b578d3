package org.dirchain.federated;

/** The instructions a strategy sends to every client for one round's local training. */
public record RoundConfig(int round, int localEpochs, double learningRate, int batchSize, double l2) {

  public RoundConfig {
    if (round < 1 || localEpochs < 1 || !(learningRate > 0) || batchSize < 0 || !(l2 >= 0)) {
      throw new IllegalArgumentException("invalid round config: round " + round + ", epochs " + localEpochs
          + ", learning rate " + learningRate + ", batch " + batchSize + ", l2 " + l2);
    }
  }

  /** Round {@code round} with the plan's local-training settings. */
  public static RoundConfig of(int round, TrainingPlan plan) {
    return new RoundConfig(round, plan.localEpochs(), plan.learningRate(), plan.batchSize(), plan.l2());
  }
}
