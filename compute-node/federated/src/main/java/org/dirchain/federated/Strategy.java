package org.dirchain.federated;

/**
 * How the server drives rounds (Flower-style): what each round asks of the clients, and how the
 * round's securely summed updates become the next global model.
 */
public interface Strategy {

  RoundConfig configureRound(int round, Model global);

  /**
   * The next global model from the round's FIT sum. Dropped clients arrive in the result's failures;
   * the strategy decides whether the round still counts.
   *
   * @throws QuorumNotMetException if the round cannot produce a model from this sum
   */
  Model aggregate(int round, StageResult fit);
}
