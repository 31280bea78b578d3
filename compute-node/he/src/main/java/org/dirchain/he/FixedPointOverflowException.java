package org.dirchain.he;

/** A fixed-point value does not fit the encodable range, or a decrypted residue lies in the overflow band. */
public class FixedPointOverflowException extends HeException {

  private static final long serialVersionUID = 1L;

  public FixedPointOverflowException(String message) {
    super(message);
  }
}
