package org.dirchain.node.data;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Streams a query's rows on a dedicated connection inside a read-only transaction. */
final class JdbcRowCursor implements RowCursor {

  private final Connection connection;
  private final boolean restoreAutoCommit;
  private final PreparedStatement statement;
  private final ResultSet rows;
  private final TableSchema schema;
  private final String table;
  private final ColumnType[] types;
  private final long[] integers;
  private final BigDecimal[] decimals;
  private final String[] texts;
  private final boolean[] nulls;
  private boolean onRow;

  private JdbcRowCursor(Connection connection, boolean restoreAutoCommit, PreparedStatement statement,
      ResultSet rows, TableSchema schema, String table) {
    this.connection = connection;
    this.restoreAutoCommit = restoreAutoCommit;
    this.statement = statement;
    this.rows = rows;
    this.schema = schema;
    this.table = table;
    this.types = schema.columns().stream().map(Column::type).toArray(ColumnType[]::new);
    this.integers = new long[types.length];
    this.decimals = new BigDecimal[types.length];
    this.texts = new String[types.length];
    this.nulls = new boolean[types.length];
  }

  static JdbcRowCursor open(DataSource dataSource, String sql, TableSchema schema, String table, int fetchSize)
      throws SQLException {
    Connection c = dataSource.getConnection();
    boolean autoCommit = false;
    PreparedStatement ps = null;
    try {
      autoCommit = c.getAutoCommit();
      // PostgreSQL only streams (server-side portal) outside auto-commit and with a fetch size.
      c.setAutoCommit(false);
      c.setReadOnly(true);
      ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      ps.setFetchSize(fetchSize);
      ResultSet rs = ps.executeQuery();
      return new JdbcRowCursor(c, autoCommit, ps, rs, schema, table);
    } catch (SQLException | RuntimeException e) {
      closeAll(c, autoCommit, ps, null, e);
      throw e;
    }
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public boolean next() {
    int column = -1;
    try {
      onRow = rows.next();
      if (!onRow) {
        return false;
      }
      for (column = 0; column < types.length; column++) {
        int jdbc = column + 1;
        switch (types[column]) {
          case INTEGER -> {
            integers[column] = rows.getLong(jdbc);
            nulls[column] = rows.wasNull();
          }
          case DECIMAL -> {
            decimals[column] = rows.getBigDecimal(jdbc);
            nulls[column] = decimals[column] == null;
          }
          case TEXT -> {
            texts[column] = rows.getString(jdbc);
            nulls[column] = texts[column] == null;
          }
        }
      }
      return true;
    } catch (SQLException e) {
      onRow = false;
      String where = column < 0 ? "" : ", column '" + schema.column(column).name() + "'";
      throw new DataSourceException("cannot read table " + table + where + ": " + e.getMessage(), e);
    }
  }

  @Override
  public boolean isNull(int column) {
    checkRow();
    return nulls[column];
  }

  @Override
  public long integer(int column) {
    checkValue(column, ColumnType.INTEGER);
    return integers[column];
  }

  @Override
  public BigDecimal decimal(int column) {
    checkValue(column, ColumnType.DECIMAL);
    return decimals[column];
  }

  @Override
  public String text(int column) {
    checkValue(column, ColumnType.TEXT);
    return texts[column];
  }

  private void checkRow() {
    CursorChecks.requireRow(onRow);
  }

  private void checkValue(int column, ColumnType expected) {
    CursorChecks.requireValue(onRow, schema, types[column], column, expected, nulls[column]);
  }

  @Override
  public void close() {
    DataSourceException failure = new DataSourceException("closing the cursor on table " + table + " failed");
    closeAll(connection, restoreAutoCommit, statement, rows, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  /** Closes everything that is open, recording failures on {@code primary}. */
  private static void closeAll(Connection c, boolean autoCommit, PreparedStatement ps, ResultSet rs, Exception primary) {
    close(rs, primary);
    close(ps, primary);
    try {
      // Nothing was written; ending the read-only transaction releases the snapshot.
      c.rollback();
      c.setReadOnly(false);
      c.setAutoCommit(autoCommit);
    } catch (SQLException | RuntimeException e) {
      primary.addSuppressed(e);
    }
    close(c, primary);
  }

  private static void close(AutoCloseable resource, Exception primary) {
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception e) {
        primary.addSuppressed(e);
      }
    }
  }
}
