package org.dirchain.he;

/** A plaintext residue lies outside [0, plaintext modulus). */
public class PlaintextOutOfRangeException extends HeException {

  private static final long serialVersionUID = 1L;

  public PlaintextOutOfRangeException(String message) {
    super(message);
  }
}
