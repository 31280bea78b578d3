package org.dirchain.node.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/**
 * A small streaming RFC 4180 record reader. Fields of the current record are kept as ranges of one
 * reusable char buffer, so reading a row allocates nothing until a value is actually asked for.
 *
 * <p>Rules: fields are separated by commas and records by CRLF, LF or a lone CR; a field that starts
 * with {@code "} is quoted and may contain commas, line breaks and doubled quotes {@code ""}; a
 * quote inside an unquoted field, text after a closing quote, and an unterminated quote are errors.
 * Blank lines are skipped. A leading UTF-8 byte order mark is ignored.
 */
final class CsvRecordReader implements Closeable {

  /** Bounds memory on malformed input, e.g. a stray quote that would swallow the rest of a file. */
  static final int MAX_RECORD_CHARS = 1 << 20;

  private final Reader in;
  private final String source;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int lim;
  private boolean eof;

  private char[] rec = new char[1024];
  private int recLen;
  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private boolean[] quoted = new boolean[32];
  private int count;

  private long line = 1;
  private long recordLine;

  CsvRecordReader(Reader in, String source) throws IOException {
    this.in = in;
    this.source = source;
    fill();
    if (lim > 0 && buf[0] == '\uFEFF') {
      pos = 1;
    }
  }

  /** Reads the next non-blank record; false at the end of the input. */
  boolean next() throws IOException {
    for (;;) {
      int c = read();
      if (c < 0) {
        return false;
      }
      if (c == '\r' || c == '\n') {
        lineBreak(c);
        continue;
      }
      recordLine = line;
      recLen = 0;
      count = 0;
      parseRecord(c);
      return true;
    }
  }

  private void parseRecord(int c) throws IOException {
    for (;;) {
      int start = recLen;
      boolean isQuoted = c == '"';
      if (isQuoted) {
        c = readQuoted();
      } else {
        while (c != ',' && c != '\r' && c != '\n' && c >= 0) {
          if (c == '"') {
            throw error(line, "quote character inside unquoted field " + (count + 1)
                + " (quote the whole field and double the embedded quotes)");
          }
          append((char) c);
          c = read();
        }
      }
      addField(start, isQuoted);
      if (c == ',') {
        c = read();
        continue;
      }
      if (c >= 0) {
        lineBreak(c);
      }
      return;
    }
  }

  /** Reads a quoted field after its opening quote; returns the character after the closing quote. */
  private int readQuoted() throws IOException {
    long openedOn = line;
    for (;;) {
      int c = read();
      if (c < 0) {
        throw error(openedOn, "unterminated quoted field " + (count + 1) + " (opened on line " + openedOn + ")");
      }
      if (c == '"') {
        if (peek() == '"') {
          read();
          append('"');
          continue;
        }
        int after = read();
        if (after != ',' && after != '\r' && after != '\n' && after >= 0) {
          throw error(line, "unexpected character '" + (char) after + "' after the closing quote of field " + (count + 1));
        }
        return after;
      }
      if (c == '\n' || (c == '\r' && peek() != '\n')) {
        line++;
      }
      append((char) c);
    }
  }

  private void lineBreak(int c) throws IOException {
    if (c == '\r' && peek() == '\n') {
      read();
    }
    line++;
  }

  private void addField(int start, boolean isQuoted) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count * 2);
      ends = Arrays.copyOf(ends, count * 2);
      quoted = Arrays.copyOf(quoted, count * 2);
    }
    starts[count] = start;
    ends[count] = recLen;
    quoted[count] = isQuoted;
    count++;
  }

  private void append(char c) {
    if (recLen == rec.length) {
      if (recLen >= MAX_RECORD_CHARS) {
        throw error(recordLine, "record longer than " + MAX_RECORD_CHARS + " characters (a stray quote?)");
      }
      rec = Arrays.copyOf(rec, Math.min(recLen * 2, MAX_RECORD_CHARS));
    }
    rec[recLen++] = c;
  }

  private int read() throws IOException {
    if (pos == lim) {
      fill();
      if (eof) {
        return -1;
      }
    }
    return buf[pos++];
  }

  private int peek() throws IOException {
    if (pos == lim) {
      fill();
      if (eof) {
        return -1;
      }
    }
    return buf[pos];
  }

  private void fill() throws IOException {
    if (eof) {
      return;
    }
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    pos = 0;
    lim = Math.max(n, 0);
    eof = n < 0;
  }

  CsvFormatException error(long atLine, String problem) {
    return new CsvFormatException(source, atLine, null, problem);
  }

  int fieldCount() {
    return count;
  }

  /** Line on which the current record starts (1-based). */
  long recordLine() {
    return recordLine;
  }

  /** Current physical line of the input, for I/O error messages. */
  long currentLine() {
    return line;
  }

  char[] chars() {
    return rec;
  }

  int start(int field) {
    return starts[field];
  }

  int length(int field) {
    return ends[field] - starts[field];
  }

  boolean quoted(int field) {
    return quoted[field];
  }

  String string(int field) {
    return new String(rec, starts[field], ends[field] - starts[field]);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
