package org.dirchain.he;

/** Key material fails validation (e.g. modulus too short or even, primes inconsistent). */
public class InvalidHeKeyException extends HeException {

  private static final long serialVersionUID = 1L;

  public InvalidHeKeyException(String message) {
    super(message);
  }
}
