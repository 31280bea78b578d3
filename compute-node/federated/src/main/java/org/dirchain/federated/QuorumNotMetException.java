package org.dirchain.federated;

/** Thrown by a strategy (and out of the trainer) when a round's {@link QuorumNotMet}. */
public class QuorumNotMetException extends RuntimeException {

  private final QuorumNotMet decision;

  public QuorumNotMetException(QuorumNotMet decision) {
    super(decision.describe());
    this.decision = decision;
  }

  public QuorumNotMet decision() {
    return decision;
  }
}
