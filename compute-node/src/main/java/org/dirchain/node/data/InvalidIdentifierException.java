package org.dirchain.node.data;

/** A table or column name that is not a plain SQL identifier; it is never sent to a database. */
public class InvalidIdentifierException extends IllegalArgumentException {

  public InvalidIdentifierException(String message) {
    super(message);
  }
}
