package org.dirchain.node.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.MalformedInputException;
import java.util.Arrays;

/**
 * Cursor over the data records of a CSV file (the header is already consumed). Every numeric cell
 * of a row is checked when the row is read — so a malformed value fails the same way whatever the
 * query — but DECIMAL and TEXT values are only materialised when asked for.
 *
 * <p>NULL: an empty field in a numeric column; an <em>unquoted</em> empty field in a TEXT column
 * (a quoted {@code ""} is the empty string, as in PostgreSQL's CSV COPY format).
 */
final class CsvRowCursor implements RowCursor {

  private final CsvRecordReader reader;
  private final TableSchema schema;
  private final String source;
  private final ColumnType[] types;
  private final long[] integers;
  private final BigDecimal[] decimals;
  private boolean onRow;

  CsvRowCursor(CsvRecordReader reader, TableSchema schema, String source) {
    this.reader = reader;
    this.schema = schema;
    this.source = source;
    this.types = schema.columns().stream().map(Column::type).toArray(ColumnType[]::new);
    this.integers = new long[types.length];
    this.decimals = new BigDecimal[types.length];
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public boolean next() {
    try {
      onRow = reader.next();
    } catch (IOException e) {
      onRow = false;
      throw ioFailure(source, reader.currentLine(), e);
    }
    if (!onRow) {
      return false;
    }
    if (reader.fieldCount() != types.length) {
      throw new CsvFormatException(source, reader.recordLine(), null,
          "expected " + types.length + " fields but found " + reader.fieldCount());
    }
    Arrays.fill(decimals, null);
    char[] chars = reader.chars();
    for (int i = 0; i < types.length; i++) {
      int len = reader.length(i);
      if (len == 0 || types[i] == ColumnType.TEXT) {
        continue;
      }
      int start = reader.start(i);
      if (types[i] == ColumnType.INTEGER) {
        try {
          integers[i] = Numbers.parseLong(chars, start, len);
        } catch (NumberFormatException e) {
          throw badValue(i, "INTEGER (" + e.getMessage() + ")");
        }
      } else if (!Numbers.isDecimal(chars, start, len)) {
        throw badValue(i, "DECIMAL");
      }
    }
    return true;
  }

  private CsvFormatException badValue(int column, String expected) {
    String value = reader.string(column);
    if (value.length() > 40) {
      value = value.substring(0, 40) + "...";
    }
    return new CsvFormatException(source, reader.recordLine(), schema.column(column).name(),
        "'" + value + "' is not a valid " + expected);
  }

  @Override
  public boolean isNull(int column) {
    checkRow();
    return reader.length(column) == 0 && (types[column] != ColumnType.TEXT || !reader.quoted(column));
  }

  @Override
  public long integer(int column) {
    checkValue(column, ColumnType.INTEGER);
    return integers[column];
  }

  @Override
  public BigDecimal decimal(int column) {
    checkValue(column, ColumnType.DECIMAL);
    BigDecimal d = decimals[column];
    if (d == null) {
      d = new BigDecimal(reader.chars(), reader.start(column), reader.length(column));
      decimals[column] = d;
    }
    return d;
  }

  @Override
  public String text(int column) {
    checkValue(column, ColumnType.TEXT);
    return reader.string(column);
  }

  private void checkRow() {
    CursorChecks.requireRow(onRow);
  }

  private void checkValue(int column, ColumnType expected) {
    CursorChecks.requireValue(onRow, schema, types[column], column, expected, isNull(column));
  }

  @Override
  public void close() {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DataSourceException ioFailure(String source, long line, IOException e) {
    if (e instanceof MalformedInputException) {
      return new CsvFormatException(source, line, null, "invalid UTF-8 byte sequence");
    }
    return new DataSourceException("cannot read " + source + " near line " + line + ": " + e.getMessage(), e);
  }
}
