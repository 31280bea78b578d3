package org.dirchain.node.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {

  @TempDir Path dir;

  private Path csv(String content) throws IOException {
    Path file = dir.resolve("t" + System.nanoTime() + ".csv");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  /** All rows as display strings: NULL as "<null>". */
  private static List<List<String>> rows(LocalTable table) {
    List<List<String>> out = new ArrayList<>();
    try (RowCursor c = table.open()) {
      while (c.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 0; i < table.schema().size(); i++) {
          row.add(c.isNull(i) ? "<null>" : switch (table.schema().column(i).type()) {
            case INTEGER -> Long.toString(c.integer(i));
            case DECIMAL -> c.decimal(i).toPlainString();
            case TEXT -> c.text(i);
          });
        }
        out.add(row);
      }
    }
    return out;
  }

  @Test
  void quotedFieldsWithCommasDoubledQuotesAndLineBreaks() throws IOException {
    Path file = csv("name,comment\r\n"
        + "\"Smith, J\",\"he said \"\"hi\"\"\"\r\n"
        + "plain,\"two\r\nlines\"\r\n"
        + "\"\",\r\n");
    CsvTable t = CsvTable.inferring(file);
    assertEquals("name:TEXT,comment:TEXT", t.schema().canonical());
    assertEquals(List.of(
        List.of("Smith, J", "he said \"hi\""),
        List.of("plain", "two\r\nlines"),
        List.of("", "<null>")), rows(t));
  }

  @Test
  void emptyUnquotedIsNullAndQuotedEmptyIsEmptyText() throws IOException {
    CsvTable t = CsvTable.withSchema(csv("a,b,c\n,\"\",\n1,x,2.5\n"),
        TableSchema.parse("a:INTEGER,b:TEXT,c:DECIMAL"));
    try (RowCursor c = t.open()) {
      assertTrue(c.next());
      assertTrue(c.isNull(0));
      assertFalse(c.isNull(1));
      assertEquals("", c.text(1));
      assertTrue(c.isNull(2));
      assertThrows(IllegalStateException.class, () -> c.integer(0), "NULL must not read as a number");
      assertTrue(c.next());
      assertEquals(1L, c.integer(0));
      assertEquals(new BigDecimal("2.5"), c.decimal(2));
      assertThrows(IllegalStateException.class, () -> c.text(0), "wrong accessor for an INTEGER column");
      assertFalse(c.next());
    }
  }

  @Test
  void lfCrlfAndLoneCrLineEndingsBlankLinesBomAndMissingFinalNewline() throws IOException {
    Path file = csv("\uFEFFa,b\r\n1,x\n\n2,y\r3,z\r\n\r\n4,w");
    CsvTable t = CsvTable.inferring(file);
    assertEquals("a:INTEGER,b:TEXT", t.schema().canonical(), "BOM must not become part of the first name");
    assertEquals(List.of(List.of("1", "x"), List.of("2", "y"), List.of("3", "z"), List.of("4", "w")), rows(t));
    assertEquals(4, t.rowCount());
  }

  @Test
  void inference() throws IOException {
    Path file = csv("i,d,t,e,big,exp,spaced,nan,neg\n"
        + "1,1,1,,1,1e3,1,NaN,-5\n"
        + "-2,2.50,x,,99999999999999999999,2,2,1,+7\n"
        + ",,,,,,\" 3\",,\n");
    assertEquals("i:INTEGER,d:DECIMAL,t:TEXT,e:TEXT,big:DECIMAL,exp:DECIMAL,spaced:TEXT,nan:TEXT,neg:INTEGER",
        CsvTable.inferSchema(file).canonical());
  }

  @Test
  void integerRangeLimits() throws IOException {
    Path file = csv("v\n9223372036854775807\n-9223372036854775808\n");
    CsvTable t = CsvTable.inferring(file);
    assertEquals(ColumnType.INTEGER, t.schema().column(0).type());
    assertEquals(List.of(List.of(Long.toString(Long.MAX_VALUE)), List.of(Long.toString(Long.MIN_VALUE))), rows(t));
    assertEquals(ColumnType.DECIMAL, CsvTable.inferSchema(csv("v\n9223372036854775808\n")).column(0).type());
  }

  @Test
  void wrongFieldCountNamesFileAndLineCountingQuotedLineBreaks() throws IOException {
    // Record 2 spans lines 3-4, so the short record starts on line 5.
    Path file = csv("a,b\n1,x\n2,\"multi\nline\"\n3\n");
    CsvTable t = CsvTable.withSchema(file, TableSchema.parse("a:INTEGER,b:TEXT"));
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> rows(t));
    assertEquals(5, e.line());
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    assertTrue(e.getMessage().contains("expected 2 fields but found 1"), e.getMessage());
    // Inference reads the whole file and reports the same record.
    CsvFormatException inferred = assertThrows(CsvFormatException.class, () -> CsvTable.inferSchema(file));
    assertEquals(5, inferred.line());
  }

  @Test
  void nonNumericValueInDeclaredNumericColumnNamesLineAndColumn() throws IOException {
    Path file = csv("age,hba1c\n40,7.1\n41,high\n");
    CsvTable t = CsvTable.withSchema(file, TableSchema.parse("age:INTEGER,hba1c:DECIMAL"));
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> rows(t));
    assertEquals(3, e.line());
    assertEquals("hba1c", e.column());
    assertTrue(e.getMessage().contains("'high' is not a valid DECIMAL"), e.getMessage());

    CsvTable ints = CsvTable.withSchema(csv("age\n40\n4.5\n"), TableSchema.parse("age:INTEGER"));
    CsvFormatException e2 = assertThrows(CsvFormatException.class, () -> rows(ints));
    assertEquals(3, e2.line());
    assertEquals("age", e2.column());
    CsvTable overflow = CsvTable.withSchema(csv("age\n9223372036854775808\n"), TableSchema.parse("age:INTEGER"));
    assertTrue(assertThrows(CsvFormatException.class, () -> rows(overflow)).getMessage().contains("64-bit"));
  }

  @Test
  void quotingErrors() throws IOException {
    CsvFormatException unterminated = assertThrows(CsvFormatException.class,
        () -> CsvTable.inferSchema(csv("a,b\n1,x\n2,\"open\nstill open\n")));
    assertEquals(3, unterminated.line());
    assertTrue(unterminated.getMessage().contains("unterminated quoted field"), unterminated.getMessage());

    CsvFormatException after = assertThrows(CsvFormatException.class,
        () -> CsvTable.inferSchema(csv("a,b\n1,\"x\"y\n")));
    assertEquals(2, after.line());
    assertTrue(after.getMessage().contains("after the closing quote"), after.getMessage());

    CsvFormatException inside = assertThrows(CsvFormatException.class,
        () -> CsvTable.inferSchema(csv("a,b\n1,5'11\"\n")));
    assertEquals(2, inside.line());
    assertTrue(inside.getMessage().contains("quote character inside unquoted field 2"), inside.getMessage());
  }

  @Test
  void headerProblems() throws IOException {
    assertTrue(assertThrows(CsvFormatException.class, () -> CsvTable.inferSchema(csv("")))
        .getMessage().contains("header row is required"));
    assertTrue(assertThrows(CsvFormatException.class, () -> CsvTable.inferSchema(csv("age,Patient ID\n1,2\n")))
        .getMessage().contains("'Patient ID' is not a valid column name"));
    assertTrue(assertThrows(CsvFormatException.class, () -> CsvTable.inferSchema(csv("a,a\n1,2\n")))
        .getMessage().contains("duplicate column"));
    CsvFormatException mismatch = assertThrows(CsvFormatException.class,
        () -> CsvTable.withSchema(csv("b,a\n1,2\n"), TableSchema.parse("a:INTEGER,b:INTEGER")));
    assertTrue(mismatch.getMessage().contains("does not match the declared columns [a, b]"), mismatch.getMessage());
  }

  @Test
  void invalidUtf8IsReportedWithTheFile() throws IOException {
    Path file = dir.resolve("bad.csv");
    Files.write(file, new byte[] {'a', '\n', 'x', (byte) 0xC3, '\n'});
    CsvFormatException e = assertThrows(CsvFormatException.class, () -> CsvTable.inferSchema(file));
    assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
    assertTrue(e.getMessage().contains("bad.csv"), e.getMessage());
  }

  @Test
  void runawayQuoteIsBoundedNotBuffered() throws IOException {
    Path file = dir.resolve("runaway.csv");
    StringBuilder sb = new StringBuilder("a\n\"");
    sb.append("x".repeat(CsvRecordReader.MAX_RECORD_CHARS + 10));
    Files.writeString(file, sb);
    assertTrue(assertThrows(CsvFormatException.class, () -> CsvTable.inferSchema(file))
        .getMessage().contains("record longer than"));
  }

  @Test
  void tableNameAndRowCount() throws IOException {
    Path file = dir.resolve("patients.csv");
    Files.writeString(file, "a\n1\n2\n3\n");
    CsvTable t = CsvTable.inferring(file);
    assertEquals("patients", t.name());
    assertEquals(3, t.rowCount());
  }
}
