package org.dirchain.node.train;

import org.dirchain.federated.FedAvg;
import org.dirchain.federated.Model;
/**
 * What a node sends back after a round of local training.
 *
 * @param model the node's parameters after its local epochs
 * @param rowsUsed training rows seen per epoch: the node's FedAvg weight
 * @param trainingLoss mean loss over the last epoch's rows, each measured just before the step that
 *     used it (log-loss for LOGISTIC, squared error for LINEAR; without the L2 term); NaN if no rows
 */
public record LocalUpdate(Model model, long rowsUsed, double trainingLoss) {

  public LocalUpdate {
    if (model == null) {
      throw new IllegalArgumentException("model is missing");
    }
    if (rowsUsed < 0) {
      throw new IllegalArgumentException("rows used must be >= 0, got " + rowsUsed);
    }
  }
}
