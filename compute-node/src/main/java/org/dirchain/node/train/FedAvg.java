package org.dirchain.node.train;

import java.util.List;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;

/**
 * Federated averaging (McMahan et al. 2017): the next global model is the mean of the clients'
 * models weighted by the rows each used. A round counts if at least {@code minClients} clients
 * returned an update with rows; dropped clients are otherwise simply left out of the mean.
 */
public final class FedAvg implements Strategy {

  private final TrainingSpec spec;
  private final int minClients;

  public FedAvg(TrainingSpec spec, int minClients) {
    if (minClients < 1) {
      throw new IllegalArgumentException("minimum clients must be >= 1, got " + minClients);
    }
    this.spec = spec;
    this.minClients = minClients;
  }

  public int minClients() {
    return minClients;
  }

  @Override
  public RoundConfig configureRound(int round, Model global) {
    return RoundConfig.of(round, spec);
  }

  @Override
  public Model aggregate(int round, List<ClientResult> results, List<ClientFailure> failures) {
    // A client with no training rows (e.g. everything filtered out) has weight 0 and does not count towards quorum.
    List<ClientResult> weighted = results.stream().filter(r -> r.update().rowsUsed() > 0).toList();
    if (weighted.size() < minClients) {
      throw new QuorumNotMetException(new QuorumNotMet(round, minClients, weighted.size(), failures));
    }
    long totalRows = weighted.stream().mapToLong(r -> r.update().rowsUsed()).sum();
    RealVector sum = new ArrayRealVector(spec.dimension() + 1);
    for (ClientResult r : weighted) {
      sum.combineToSelf(1, (double) r.update().rowsUsed() / totalRows, r.update().model().parameters());
    }
    return Model.fromParameters(sum);
  }
}
