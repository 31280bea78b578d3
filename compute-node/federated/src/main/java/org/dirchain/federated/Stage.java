package org.dirchain.federated;

/** The three kinds of secure sum a training job runs; each node answers each with one vector. */
public enum Stage {
  /** Setup: feature moments, from which every node gets the same standardiser. */
  MOMENTS,
  /** A round's local training: the row-weighted update ({@link WeightedUpdate}). */
  FIT,
  /** A round's evaluation of the new global model on the hold-out rows ({@link Evaluation}). */
  EVALUATE
}
