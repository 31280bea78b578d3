package org.dirchain.federated;

/**
 * Told by {@link FederatedTrainer} when the scaling is agreed and after every round, each time with
 * the checkpoint to continue from; a listener that persists both in one transaction can resume the
 * job after a restart without a round recorded twice or lost.
 */
public interface TrainingProgress {

  /** The scaling is agreed; nothing is trained yet. */
  default void setupDone(TrainingCheckpoint checkpoint) { }

  void roundDone(RoundMetrics metrics, TrainingCheckpoint checkpoint);
}
