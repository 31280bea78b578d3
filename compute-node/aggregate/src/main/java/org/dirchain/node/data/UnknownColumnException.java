package org.dirchain.node.data;

/** A column name that is not in the table's schema. */
public class UnknownColumnException extends IllegalArgumentException {

  private final String column;

  public UnknownColumnException(String column, TableSchema schema) {
    super("unknown column '" + column + "'; available columns: " + String.join(", ", schema.names()));
    this.column = column;
  }

  public String column() {
    return column;
  }
}
