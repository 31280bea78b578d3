package org.dirchain.node.train;

import org.dirchain.federated.Evaluation;
import org.dirchain.federated.FeatureMoments;
import org.dirchain.federated.StageRequest;
import org.dirchain.federated.WeightedUpdate;

/**
 * One node's answer to a stage: the vector that goes into the secure sum, and the row count sent
 * with it in the clear (the training rows for FIT, which become the node's attested weight). Under
 * differential privacy that count, like the count inside the vector, is the job's released noisy
 * count, never the exact one.
 */
public record StageAnswer(double[] values, long rows) {

  /**
   * Computes the client's answer; the client must already be prepared with the request's standardiser.
   *
   * @throws RuntimeException whatever the client throws (a refusal or a failure)
   */
  public static StageAnswer of(Client client, TrainingSpec spec, StageRequest request) {
    return switch (request.stage()) {
      case MOMENTS -> {
        FeatureMoments m = client.moments(spec);
        yield new StageAnswer(m.toVector(), m.count());
      }
      case FIT -> {
        LocalUpdate u = client.fit(request.config(), request.model());
        yield new StageAnswer(WeightedUpdate.of(u.model(), u.rowsUsed(), u.trainingLoss()).toVector(), u.rowsUsed());
      }
      case EVALUATE -> {
        Evaluation e = client.evaluate(request.model());
        yield new StageAnswer(e.toVector(), e.count());
      }
    };
  }
}
