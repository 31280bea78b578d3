package org.dirchain.node.data;

import java.math.BigDecimal;

/**
 * Forward-only, one-row-at-a-time access to a table. Accessors read the current row by column
 * index (see {@link TableSchema#indexOf}); calling an accessor of the wrong type, on a NULL value
 * or before {@link #next()} throws {@link IllegalStateException}.
 *
 * <p>DECIMAL values are {@link BigDecimal} rather than {@code double}: commitments and fixed-point
 * aggregates must be exact and identical on every platform. Implementations are not thread-safe.
 *
 * @throws DataSourceException (unchecked, from any method) when the source cannot be read or holds
 *     a malformed value
 */
public interface RowCursor extends AutoCloseable {

  TableSchema schema();

  /** Advances to the next row; false at the end. */
  boolean next();

  boolean isNull(int column);

  long integer(int column);

  BigDecimal decimal(int column);

  String text(int column);

  /** The numeric value of an INTEGER or DECIMAL column as a BigDecimal. */
  default BigDecimal number(int column) {
    return schema().column(column).type() == ColumnType.INTEGER
        ? BigDecimal.valueOf(integer(column))
        : decimal(column);
  }

  @Override
  void close();
}
