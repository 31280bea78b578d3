package org.dirchain.node.data;

/** A malformed CSV file: the message names the file, the line and, where known, the column. */
public class CsvFormatException extends DataSourceException {

  private final String file;
  private final long line;
  private final String column;

  public CsvFormatException(String file, long line, String column, String problem) {
    super(file + " line " + line + (column == null ? "" : ", column '" + column + "'") + ": " + problem);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public String file() {
    return file;
  }

  /** 1-based physical line on which the offending record (or quoted field) starts. */
  public long line() {
    return line;
  }

  /** The column name, or null when the problem concerns the whole record. */
  public String column() {
    return column;
  }
}
