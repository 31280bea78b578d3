package org.dirchain.he;

/** A key or ciphertext belongs to another key pair or to another scheme backend. */
public class KeyMismatchException extends HeException {

  private static final long serialVersionUID = 1L;

  public KeyMismatchException(String message) {
    super(message);
  }
}
