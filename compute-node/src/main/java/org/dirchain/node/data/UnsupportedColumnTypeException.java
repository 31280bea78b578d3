package org.dirchain.node.data;

/** A database column whose SQL type a node does not read (dates, booleans, binary, JSON, ...). */
public class UnsupportedColumnTypeException extends DataSourceException {

  public UnsupportedColumnTypeException(String table, String column, String typeName, int sqlType) {
    super("column '" + column + "' of table " + table + " has SQL type " + typeName + " (java.sql.Types "
        + sqlType + "), which a node cannot read; supported are integer types (INTEGER), "
        + "numeric/decimal/real/float/double (DECIMAL) and char/varchar/text (TEXT) — "
        + "cast other columns in a view, or leave them out");
  }
}
