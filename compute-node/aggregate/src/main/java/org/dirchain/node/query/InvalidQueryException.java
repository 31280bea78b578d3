package org.dirchain.node.query;

/** A query that is malformed, or does not fit the schema of the table it is run on. */
public class InvalidQueryException extends IllegalArgumentException {

  public InvalidQueryException(String message) {
    super(message);
  }

  public InvalidQueryException(String message, Throwable cause) {
    super(message, cause);
  }
}
