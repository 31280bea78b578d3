package org.dirchain.federated;

/** The models a node can train. */
public enum ModelKind {
  /** Binary classification; the label must be 0 or 1; loss is the log-loss. */
  LOGISTIC,
  /** Least-squares regression; loss is the mean squared error. */
  LINEAR
}
