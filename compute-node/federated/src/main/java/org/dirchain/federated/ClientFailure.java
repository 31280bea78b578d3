package org.dirchain.federated;

/**
 * A client that dropped out of a stage: an input to aggregation, not an error of the job.
 *
 * @param reason the failure as {@code ExceptionClass: message} or a status with its detail, safe to log and report
 * @param refused true if the node's own checks said no (spec, grant, data), false if it dropped out
 */
public record ClientFailure(String clientId, int round, String reason, boolean refused) {

  public static ClientFailure of(String clientId, int round, Throwable cause) {
    return new ClientFailure(clientId, round, cause.getClass().getSimpleName() + ": " + cause.getMessage(),
        cause instanceof InvalidTrainingSpecException);
  }

  @Override
  public String toString() {
    return clientId + " (" + (refused ? "refused: " : "") + reason + ")";
  }
}
