package org.dirchain.node.train;

/**
 * A client that dropped out of a round: an input to aggregation, not an error of the job.
 *
 * @param reason the failure as {@code ExceptionClass: message}, safe to log and report
 */
public record ClientFailure(String clientId, int round, String reason) {

  public static ClientFailure of(String clientId, int round, Throwable cause) {
    return new ClientFailure(clientId, round, cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  @Override
  public String toString() {
    return clientId + " (" + reason + ")";
  }
}
