package org.dirchain.node.testing;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.dirchain.node.data.Column;
import org.dirchain.node.data.ColumnType;
import org.dirchain.node.data.TableSchema;

/**
 * Random "patients" rows (Long / BigDecimal / String / null cells) for tests, written as CSV or
 * loaded into PostgreSQL, with NULLs, negative and zero decimals, trailing zeros, empty strings,
 * commas, quotes, line breaks and non-ASCII text.
 */
public final class PatientFixtures {

  public static final TableSchema SCHEMA = TableSchema.of(
      new Column("id", ColumnType.INTEGER),
      new Column("age", ColumnType.INTEGER),
      new Column("hba1c", ColumnType.DECIMAL),
      new Column("bmi", ColumnType.DECIMAL),
      new Column("delta", ColumnType.DECIMAL),
      new Column("region", ColumnType.TEXT),
      new Column("note", ColumnType.TEXT));

  /** PostgreSQL DDL for the same columns (types chosen to map back to SCHEMA). */
  public static final String CREATE_TABLE_COLUMNS =
      "id bigint, age integer, hba1c numeric(5,2), bmi double precision, delta numeric, region text, note varchar(200)";

  public static final List<String> REGIONS = List.of("north", "south", "east", "west", "other");
  private static final List<String> NOTES = List.of("plain", "a,b", "say \"hi\"", "line1\nline2", "crlf\r\ninside",
      "Zürich", "東京", "", "trailing space ", "\"", ",");

  private PatientFixtures() {}

  public static List<Object[]> random(long seed, int rows) {
    Random r = new Random(seed);
    List<Object[]> out = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      Object age = r.nextInt(100) < 3 ? null : (Object) (long) (18 + r.nextInt(73));
      Object hba1c = r.nextInt(100) < 3 ? null : BigDecimal.valueOf(400 + r.nextInt(801), 2);
      Object bmi = r.nextInt(100) < 5 ? null : BigDecimal.valueOf(150 + r.nextInt(300), 1);
      Object delta = r.nextInt(100) < 5 ? null : BigDecimal.valueOf(r.nextInt(100_001) - 50_000, 3);
      int k = r.nextInt(100);
      Object region = k < 3 ? null : k < 4 ? "" : REGIONS.get(r.nextInt(REGIONS.size()));
      Object note = r.nextInt(10) == 0 ? null : NOTES.get(r.nextInt(NOTES.size()));
      out.add(new Object[] {(long) i + 1, age, hba1c, bmi, delta, region, note});
    }
    return out;
  }

  /** Writes rows as CSV: NULL as an empty unquoted field, the empty string as {@code ""}. */
  public static Path writeCsv(Path file, List<String> header, List<Object[]> rows, String newline) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", header));
      w.write(newline);
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          if (i > 0) {
            w.write(',');
          }
          w.write(field(row[i]));
        }
        w.write(newline);
      }
    }
    return file;
  }

  public static Path writeCsv(Path file, List<Object[]> rows) throws IOException {
    return writeCsv(file, SCHEMA.names(), rows, "\n");
  }

  public static String field(Object v) {
    if (v == null) {
      return "";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    String s = v.toString();
    if (s.isEmpty() || s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    return s;
  }

  /** Inserts rows into {@code table} (which must have SCHEMA's columns) in one batch. */
  public static void insert(Connection c, String table, List<Object[]> rows) throws SQLException {
    String sql = "INSERT INTO " + table + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    int[] sqlTypes = {Types.BIGINT, Types.INTEGER, Types.NUMERIC, Types.DOUBLE, Types.NUMERIC, Types.VARCHAR, Types.VARCHAR};
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (Object[] row : rows) {
        for (int i = 0; i < row.length; i++) {
          if (row[i] == null) {
            ps.setNull(i + 1, sqlTypes[i]);
          } else if (i == 3) {
            ps.setDouble(i + 1, ((BigDecimal) row[i]).doubleValue());
          } else if (i == 1) {
            ps.setInt(i + 1, ((Long) row[i]).intValue());
          } else {
            ps.setObject(i + 1, row[i]);
          }
        }
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * The order of PostgreSQL's {@code ORDER BY} every column {@code ASC NULLS LAST}, text
   * {@code COLLATE "C"} (unsigned UTF-8 bytes) — what JdbcTable commits to.
   */
  public static Comparator<Object[]> databaseOrder() {
    return (a, b) -> {
      for (int i = 0; i < a.length; i++) {
        int c = compareCell(a[i], b[i]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareCell(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    if (a instanceof String sa) {
      return Arrays.compareUnsigned(sa.getBytes(StandardCharsets.UTF_8), ((String) b).getBytes(StandardCharsets.UTF_8));
    }
    return ((Comparable) a).compareTo(b);
  }
}
