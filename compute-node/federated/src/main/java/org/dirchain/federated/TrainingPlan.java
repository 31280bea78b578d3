package org.dirchain.federated;

/**
 * What the round loop needs to know of a training spec: the model, the stopping rules, the quorum
 * and the local-training settings it sends to every node each round. Column names and filters stay
 * in the spec the nodes check on chain; the loop never needs them.
 *
 * @param minClients successful participants a round needs (the job's quorum)
 * @param evaluate whether each round ends with a hold-out evaluation (not under differential privacy:
 *     the metrics would spend privacy budget)
 */
public record TrainingPlan(ModelKind kind, int dimension, int rounds, double tolerance, int minClients,
    int localEpochs, double learningRate, int batchSize, double l2, boolean evaluate) {

  public TrainingPlan(ModelKind kind, int dimension, int rounds, double tolerance, int minClients, int localEpochs,
      double learningRate, int batchSize, double l2) {
    this(kind, dimension, rounds, tolerance, minClients, localEpochs, learningRate, batchSize, l2, true);
  }

  public TrainingPlan {
    if (kind == null || dimension < 1 || rounds < 1 || !(tolerance >= 0) || minClients < 1) {
      throw new IllegalArgumentException("invalid training plan: kind " + kind + ", dimension " + dimension
          + ", rounds " + rounds + ", tolerance " + tolerance + ", min clients " + minClients);
    }
    new RoundConfig(1, localEpochs, learningRate, batchSize, l2); // validates the local settings
  }
}
