package org.dirchain.node.data;

/** The accessor preconditions every {@link RowCursor} shares, with the same messages. */
final class CursorChecks {
  private CursorChecks() {}

  static void requireRow(boolean onRow) {
    if (!onRow) {
      throw new IllegalStateException("no current row: call next() first");
    }
  }

  static void requireValue(boolean onRow, TableSchema schema, ColumnType actual, int column, ColumnType expected,
      boolean isNull) {
    requireRow(onRow);
    if (actual != expected) {
      throw new IllegalStateException(
          "column '" + schema.column(column).name() + "' is " + actual + ", not " + expected);
    }
    if (isNull) {
      throw new IllegalStateException("column '" + schema.column(column).name() + "' is NULL in this row");
    }
  }
}
