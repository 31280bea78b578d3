package org.dirchain.node.data;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A CSV file (UTF-8, RFC 4180, header row of column names) read as a {@link LocalTable}.
 *
 * <p>Column types are either declared, in which case the header must list exactly the schema's
 * columns in order, or inferred by one streaming pass: INTEGER if every non-empty value is a
 * 64-bit integer, else DECIMAL if every non-empty value is a decimal number (syntax in
 * {@link Numbers}), else TEXT; a column with no non-empty value is TEXT. Row order is file order.
 */
public final class CsvTable implements LocalTable {

  private final String name;
  private final Path file;
  private final TableSchema schema;

  /**
   * @throws CsvFormatException if the header does not list the schema's columns in order
   */
  public CsvTable(String name, Path file, TableSchema schema) {
    this.name = Objects.requireNonNull(name, "name");
    this.file = Objects.requireNonNull(file, "file");
    this.schema = Objects.requireNonNull(schema, "schema");
    checkHeader();
  }

  /** A table named after the file (without {@code .csv}) with declared column types. */
  public static CsvTable withSchema(Path file, TableSchema schema) {
    return new CsvTable(defaultName(file), file, schema);
  }

  /** A table named after the file whose column types are inferred by a first streaming pass. */
  public static CsvTable inferring(Path file) {
    return new CsvTable(defaultName(file), file, inferSchema(file));
  }

  /** Infers column types in one streaming pass (see the class comment). */
  public static TableSchema inferSchema(Path file) {
    String source = file.toString();
    try (CsvRecordReader reader = openReader(file)) {
      List<String> header = readHeader(reader, source);
      int n = header.size();
      boolean[] seen = new boolean[n];
      boolean[] allLong = new boolean[n];
      boolean[] allDecimal = new boolean[n];
      java.util.Arrays.fill(allLong, true);
      java.util.Arrays.fill(allDecimal, true);
      while (next(reader, source)) {
        if (reader.fieldCount() != n) {
          throw new CsvFormatException(source, reader.recordLine(), null,
              "expected " + n + " fields but found " + reader.fieldCount());
        }
        char[] chars = reader.chars();
        for (int i = 0; i < n; i++) {
          int len = reader.length(i);
          if (len == 0 || !allDecimal[i]) {
            continue;
          }
          seen[i] = true;
          int start = reader.start(i);
          if (allLong[i] && !Numbers.isLong(chars, start, len)) {
            allLong[i] = false;
          }
          if (!allLong[i] && !Numbers.isDecimal(chars, start, len)) {
            allDecimal[i] = false;
          }
        }
      }
      List<Column> columns = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        ColumnType type = !seen[i] || !allDecimal[i] ? ColumnType.TEXT
            : allLong[i] ? ColumnType.INTEGER : ColumnType.DECIMAL;
        columns.add(new Column(header.get(i), type));
      }
      return new TableSchema(columns);
    } catch (IOException e) {
      throw CsvRowCursor.ioFailure(source, 1, e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  public Path file() {
    return file;
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public RowCursor open() {
    String source = file.toString();
    CsvRecordReader reader = null;
    try {
      reader = openReader(file);
      readHeader(reader, source);
      return new CsvRowCursor(reader, schema, source);
    } catch (IOException | RuntimeException e) {
      closeQuietly(reader, e);
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw CsvRowCursor.ioFailure(source, 1, (IOException) e);
    }
  }

  @Override
  public ContentCommitment commitment() {
    try (RowCursor cursor = open()) {
      return ContentCommitment.compute(cursor);
    }
  }

  @Override
  public long rowCount() {
    long rows = 0;
    try (RowCursor cursor = open()) {
      while (cursor.next()) {
        rows++;
      }
    }
    return rows;
  }

  private void checkHeader() {
    String source = file.toString();
    try (CsvRecordReader reader = openReader(file)) {
      List<String> header = readHeader(reader, source);
      if (!header.equals(schema.names())) {
        throw new CsvFormatException(source, 1, null,
            "header " + header + " does not match the declared columns " + schema.names());
      }
    } catch (IOException e) {
      throw CsvRowCursor.ioFailure(source, 1, e);
    }
  }

  private static List<String> readHeader(CsvRecordReader reader, String source) throws IOException {
    if (!reader.next()) {
      throw new CsvFormatException(source, 1, null, "empty file: a header row is required");
    }
    List<String> names = new ArrayList<>(reader.fieldCount());
    for (int i = 0; i < reader.fieldCount(); i++) {
      String name = reader.string(i);
      if (!Column.isValidName(name)) {
        throw new CsvFormatException(source, reader.recordLine(), null, "header field " + (i + 1) + " '" + name
            + "' is not a valid column name (expected [A-Za-z_][A-Za-z0-9_]*, at most 63 characters)");
      }
      if (names.contains(name)) {
        throw new CsvFormatException(source, reader.recordLine(), name, "duplicate column name in header");
      }
      names.add(name);
    }
    return names;
  }

  private static boolean next(CsvRecordReader reader, String source) {
    try {
      return reader.next();
    } catch (IOException e) {
      throw CsvRowCursor.ioFailure(source, reader.currentLine(), e);
    }
  }

  private static CsvRecordReader openReader(Path file) throws IOException {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new CsvRecordReader(new InputStreamReader(Files.newInputStream(file), decoder), file.toString());
  }

  private static void closeQuietly(CsvRecordReader reader, Exception primary) {
    if (reader != null) {
      try {
        reader.close();
      } catch (IOException e) {
        primary.addSuppressed(e);
      }
    }
  }

  private static String defaultName(Path file) {
    String n = file.getFileName().toString();
    return n.toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? n.substring(0, n.length() - 4) : n;
  }

  @Override
  public String toString() {
    return "CsvTable[" + name + ", " + file + ", " + schema.canonical() + "]";
  }
}
