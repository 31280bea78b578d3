package org.dirchain.node.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TableSchemaTest {

  private final TableSchema schema = TableSchema.of(
      new Column("age", ColumnType.INTEGER), new Column("hba1c", ColumnType.DECIMAL), new Column("region", ColumnType.TEXT));

  @Test
  void canonicalFormAndHash() throws Exception {
    assertEquals("age:INTEGER,hba1c:DECIMAL,region:TEXT", schema.canonical());
    byte[] expected = MessageDigest.getInstance("SHA-256")
        .digest("age:INTEGER,hba1c:DECIMAL,region:TEXT".getBytes(StandardCharsets.UTF_8));
    assertArrayEquals(expected, schema.schemaHash());
    assertEquals(32, schema.schemaHash().length);
    // Pinned: the on-chain schema hash must never change for the same schema.
    assertEquals("b93854e3e914130ba3ca0c11d312be690b234af49ae97763082d3f6bc3aeda26",
        HexFormat.of().formatHex(schema.schemaHash()));
    assertEquals(schema, TableSchema.parse(schema.canonical()));
  }

  @Test
  void hashDependsOnOrderNamesAndTypes() {
    assertNotEquals(HexFormat.of().formatHex(schema.schemaHash()),
        HexFormat.of().formatHex(TableSchema.parse("hba1c:DECIMAL,age:INTEGER,region:TEXT").schemaHash()));
    assertNotEquals(HexFormat.of().formatHex(schema.schemaHash()),
        HexFormat.of().formatHex(TableSchema.parse("age:DECIMAL,hba1c:DECIMAL,region:TEXT").schemaHash()));
  }

  @Test
  void unknownColumnNamesItAndTheAvailableOnes() {
    UnknownColumnException e = assertThrows(UnknownColumnException.class, () -> schema.indexOf("weight"));
    assertEquals("unknown column 'weight'; available columns: age, hba1c, region", e.getMessage());
    assertEquals(1, schema.indexOf("hba1c"));
  }

  @Test
  void refusesDuplicatesBadNamesAndBadCanonicalText() {
    assertThrows(IllegalArgumentException.class, () -> TableSchema.parse("a:INTEGER,a:TEXT"));
    assertThrows(IllegalArgumentException.class, () -> new Column("a b", ColumnType.TEXT));
    assertThrows(IllegalArgumentException.class, () -> new Column("1a", ColumnType.TEXT));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> TableSchema.parse("a:FLOAT"))
        .getMessage().contains("INTEGER, DECIMAL or TEXT"));
    assertThrows(IllegalArgumentException.class, () -> TableSchema.parse("a"));
  }
}
