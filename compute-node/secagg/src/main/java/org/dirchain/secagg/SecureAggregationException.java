package org.dirchain.secagg;

/** A protocol rule was broken (order of steps, sets, threshold, a share that does not authenticate). */
public class SecureAggregationException extends RuntimeException {

  public SecureAggregationException(SessionId session, String message) {
    super("secure sum " + session + ": " + message);
  }

  public SecureAggregationException(SessionId session, String message, Throwable cause) {
    super("secure sum " + session + ": " + message, cause);
  }
}
