package org.dirchain.node.train;

import java.util.List;

/**
 * How the server drives rounds (Flower-style): what each round asks of the clients, and how their
 * updates become the next global model.
 */
public interface Strategy {

  RoundConfig configureRound(int round, Model global);

  /**
   * The next global model from the round's successful results. Dropped clients arrive in
   * {@code failures}; the strategy decides whether the round still counts.
   *
   * @throws QuorumNotMetException if the round cannot produce a model from these results
   */
  Model aggregate(int round, List<ClientResult> results, List<ClientFailure> failures);
}
