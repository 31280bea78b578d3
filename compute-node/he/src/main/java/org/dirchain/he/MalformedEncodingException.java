package org.dirchain.he;

/** Serialized bytes are not a valid encoding (magic, kind, version, length or value range). */
public class MalformedEncodingException extends HeException {

  private static final long serialVersionUID = 1L;

  public MalformedEncodingException(String message) {
    super(message);
  }

  public MalformedEncodingException(String message, Throwable cause) {
    super(message, cause);
  }
}
