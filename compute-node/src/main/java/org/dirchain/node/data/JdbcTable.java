package org.dirchain.node.data;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * A database table or view read through JDBC as a {@link LocalTable}.
 *
 * <p>Names are validated and quoted by {@link SqlIdentifiers}; no caller text is ever concatenated
 * into SQL. Column types come from {@link ResultSetMetaData}: integer types → INTEGER,
 * numeric/decimal/real/float/double → DECIMAL, char/varchar/text → TEXT; other types are refused.
 *
 * <p>Rows are streamed: each cursor runs on its own connection in a read-only transaction
 * (auto-commit off, forward-only, read-only result set, fetch size {@value #DEFAULT_FETCH_SIZE}),
 * which makes the PostgreSQL driver fetch through a server-side portal instead of materialising the
 * result. The commitment reads the rows {@code ORDER BY} every column, ascending; on PostgreSQL
 * text is ordered {@code COLLATE "C"} (UTF-8 byte order) with {@code NULLS LAST}, so the order —
 * and the commitment — does not depend on the server's locale. On other databases the order is the
 * database's default collation.
 */
public final class JdbcTable implements LocalTable {

  public static final int DEFAULT_FETCH_SIZE = 5_000;

  private final DataSource dataSource;
  private final String name;
  private final String quotedTable;
  private final TableSchema schema;
  private final boolean postgres;
  private final int fetchSize;

  private JdbcTable(DataSource dataSource, String name, TableSchema schema, boolean postgres, int fetchSize) {
    this.dataSource = dataSource;
    this.name = name;
    this.quotedTable = SqlIdentifiers.quoteQualified(name);
    this.schema = schema;
    this.postgres = postgres;
    if (fetchSize < 1) {
      throw new IllegalArgumentException("fetch size must be positive, got " + fetchSize);
    }
    this.fetchSize = fetchSize;
  }

  /** All columns of {@code table} ({@code table} or {@code schema.table}); each must be a plain identifier. */
  public static JdbcTable connect(DataSource dataSource, String table) {
    return connect(dataSource, table, List.of());
  }

  /** The given columns of {@code table}, in that order (all columns if the list is empty). */
  public static JdbcTable connect(DataSource dataSource, String table, List<String> columns) {
    Objects.requireNonNull(dataSource, "dataSource");
    String quotedTable = SqlIdentifiers.quoteQualified(table);
    String select = columns.isEmpty() ? "*" : columns.stream().map(SqlIdentifiers::quote).collect(Collectors.joining(", "));
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT " + select + " FROM " + quotedTable + " WHERE 1 = 0")) {
      boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
      return new JdbcTable(dataSource, table, schemaOf(table, rs.getMetaData()), postgres, DEFAULT_FETCH_SIZE);
    } catch (SQLException e) {
      throw new DataSourceException("cannot read the columns of table " + table + ": " + e.getMessage(), e);
    }
  }

  /** Connects through {@link java.sql.DriverManager}; the driver must be on the classpath. */
  public static JdbcTable connect(String url, String user, String password, String table) {
    return connect(new DriverManagerDataSource(url, user, password), table);
  }

  /** The same table read with another fetch size (rows per round trip). */
  public JdbcTable withFetchSize(int rows) {
    return new JdbcTable(dataSource, name, schema, postgres, rows);
  }

  private static TableSchema schemaOf(String table, ResultSetMetaData md) throws SQLException {
    List<Column> columns = new ArrayList<>(md.getColumnCount());
    for (int i = 1; i <= md.getColumnCount(); i++) {
      String column = md.getColumnLabel(i);
      if (!SqlIdentifiers.isPlain(column)) {
        throw new InvalidIdentifierException("column '" + column + "' of table " + table
            + " is not a plain identifier; list the columns to read, or expose them under plain names in a view");
      }
      columns.add(new Column(column, typeOf(table, column, md.getColumnType(i), md.getColumnTypeName(i))));
    }
    return new TableSchema(columns);
  }

  static ColumnType typeOf(String table, String column, int sqlType, String typeName) {
    return switch (sqlType) {
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> ColumnType.INTEGER;
      case Types.NUMERIC, Types.DECIMAL, Types.REAL, Types.FLOAT, Types.DOUBLE -> ColumnType.DECIMAL;
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR ->
          ColumnType.TEXT;
      default -> throw new UnsupportedColumnTypeException(table, column, typeName, sqlType);
    };
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  public int fetchSize() {
    return fetchSize;
  }

  /** Rows in the database's scan order (no sort: aggregates do not need one). */
  @Override
  public RowCursor open() {
    return cursor(selectSql(false));
  }

  /** Rows in canonical order: ORDER BY every column (see the class comment). */
  public RowCursor openOrdered() {
    return cursor(selectSql(true));
  }

  @Override
  public ContentCommitment commitment() {
    try (RowCursor cursor = openOrdered()) {
      return ContentCommitment.compute(cursor);
    }
  }

  @Override
  public long rowCount() {
    try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quotedTable)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new DataSourceException("cannot count the rows of table " + name + ": " + e.getMessage(), e);
    }
  }

  String selectSql(boolean ordered) {
    List<String> quoted = schema.names().stream().map(SqlIdentifiers::quote).toList();
    StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", quoted)).append(" FROM ").append(quotedTable);
    if (ordered) {
      sql.append(" ORDER BY ");
      for (int i = 0; i < quoted.size(); i++) {
        if (i > 0) {
          sql.append(", ");
        }
        sql.append(quoted.get(i));
        if (postgres) {
          sql.append(schema.column(i).type() == ColumnType.TEXT ? " COLLATE \"C\"" : "").append(" ASC NULLS LAST");
        }
      }
    }
    return sql.toString();
  }

  private RowCursor cursor(String sql) {
    try {
      return JdbcRowCursor.open(dataSource, sql, schema, name, fetchSize);
    } catch (SQLException e) {
      throw new DataSourceException("cannot read table " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "JdbcTable[" + name + ", " + schema.canonical() + "]";
  }
}
