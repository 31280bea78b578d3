package org.dirchain.node.data;

/** The three value types a node understands; anything else must be cast (e.g. in a view) first. */
public enum ColumnType {
  /** A signed 64-bit integer. */
  INTEGER,
  /** An exact decimal number, read as {@link java.math.BigDecimal}. */
  DECIMAL,
  /** A UTF-8 string. */
  TEXT;

  public boolean isNumeric() {
    return this != TEXT;
  }
}
