package org.dirchain.federated;

/** A training spec that is malformed, or does not fit the table (or the rows) it is run on. */
public class InvalidTrainingSpecException extends IllegalArgumentException {

  public InvalidTrainingSpecException(String message) {
    super(message);
  }

  public InvalidTrainingSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
