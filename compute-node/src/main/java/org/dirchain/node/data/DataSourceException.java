package org.dirchain.node.data;

/** A table could not be read, or holds a value that does not fit its schema. */
public class DataSourceException extends RuntimeException {

  public DataSourceException(String message) {
    super(message);
  }

  public DataSourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
