package org.dirchain.federated;

import java.util.List;

/**
 * Federated averaging (McMahan et al. 2017): the next global model is the mean of the clients'
 * models weighted by the rows each used, computed from the secure sum of row-weighted updates
 * ({@link WeightedUpdate}). A round counts if at least {@code minClients} clients with training rows
 * are in the sum; dropped clients are otherwise simply left out of the mean.
 */
public final class FedAvg implements Strategy {

  private final TrainingPlan plan;

  public FedAvg(TrainingPlan plan) {
    this.plan = plan;
  }

  public int minClients() {
    return plan.minClients();
  }

  @Override
  public RoundConfig configureRound(int round, Model global) {
    return RoundConfig.of(round, plan);
  }

  @Override
  public Model aggregate(int round, StageResult fit) {
    // A client with no training rows (e.g. everything filtered out) has weight 0 and does not count towards quorum.
    List<String> weighted = fit.summed().stream().filter(id -> fit.rows().getOrDefault(id, 0L) > 0).toList();
    if (weighted.size() < plan.minClients()) {
      throw new QuorumNotMetException(new QuorumNotMet(round, plan.minClients(), weighted.size(), fit.failures()));
    }
    return WeightedUpdate.fromVector(fit.sum(), plan.dimension()).meanModel();
  }
}
