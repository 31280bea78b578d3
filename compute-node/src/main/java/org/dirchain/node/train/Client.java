package org.dirchain.node.train;

import org.dirchain.federated.Evaluation;
import org.dirchain.federated.FeatureMoments;
import org.dirchain.federated.InvalidTrainingSpecException;
import org.dirchain.federated.Model;
import org.dirchain.federated.RoundConfig;
import org.dirchain.federated.Standardiser;
import org.dirchain.federated.Strategy;
/**
 * One participant of federated training, as the round loop sees it. In process this is a
 * {@link LocalClient}; over the network a node answers the same calls through its gRPC service. Any method may throw: during
 * the rounds a throw drops the client from that round (see {@link Strategy#aggregate}); during setup
 * ({@link #moments}, {@link #prepare}) it stops the job, because every node must agree on the scaling.
 */
public interface Client {

  /** Stable identifier, used in metrics, failures and contributions. */
  String id();

  /**
   * Setup, step 1: validates the spec against the local data and returns the additive feature moments.
   *
   * @throws InvalidTrainingSpecException if the spec does not fit this node's table or labels
   */
  FeatureMoments moments(TrainingSpec spec);

  /** Setup, step 2: the standardiser agreed from everyone's moments, used for all later rounds. */
  void prepare(TrainingSpec spec, Standardiser standardiser);

  /** Local training for one round, starting from the global model. */
  LocalUpdate fit(RoundConfig config, Model global);

  /** Evaluation of a model on the client's hold-out rows. */
  Evaluation evaluate(Model model);
}
