package org.dirchain.he;

/** Base of the errors raised by the homomorphic-encryption layer. */
public class HeException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public HeException(String message) {
    super(message);
  }

  public HeException(String message, Throwable cause) {
    super(message, cause);
  }
}
