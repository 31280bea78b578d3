package org.dirchain.he;

/** No scheme backend of the requested name is on the class path. */
public class UnknownSchemeException extends HeException {

  private static final long serialVersionUID = 1L;

  public UnknownSchemeException(String message) {
    super(message);
  }
}
