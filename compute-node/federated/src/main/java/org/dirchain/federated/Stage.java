package org.dirchain.federated;

/** The three kinds of secure sum a training job runs; each node answers each with one vector. */
public enum Stage {
  /** Setup: feature moments, from which every node gets the same standardiser. */
  MOMENTS,
  /** A round's local training: the row-weighted update ({@link WeightedUpdate}). */
  FIT,
  /** A round's evaluation of the new global model on the hold-out rows ({@link Evaluation}). */
  EVALUATE;

  /** Length of this stage's vector for a model of {@code kind} over {@code dimension} features. */
  public int vectorLength(ModelKind kind, int dimension) {
    return switch (this) {
      case MOMENTS -> 1 + 2 * dimension;
      case FIT -> WeightedUpdate.vectorLength(dimension);
      case EVALUATE -> Evaluation.vectorLength(kind);
    };
  }
}
