package org.dirchain.federated;

import java.util.List;

/**
 * What happened in one round.
 *
 * @param participants clients whose update went into the aggregate
 * @param dropped clients that failed to train (or to evaluate) in this round
 * @param trainLoss row-weighted mean of the participants' training losses
 * @param evaluation the new global model evaluated on the summed hold-out counts of the clients that evaluated
 * @param modelChange L2 norm of the change in the global parameters
 */
public record RoundMetrics(int round, List<String> participants, List<ClientFailure> dropped, double trainLoss,
    Evaluation evaluation, double modelChange) {

  public RoundMetrics {
    participants = List.copyOf(participants);
    dropped = List.copyOf(dropped);
  }

  public List<String> droppedIds() {
    return dropped.stream().map(ClientFailure::clientId).distinct().toList();
  }
}
