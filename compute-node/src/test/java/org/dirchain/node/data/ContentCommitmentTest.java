package org.dirchain.node.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.dirchain.node.testing.PatientFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCommitmentTest {

  @TempDir Path dir;

  /** The encoding documented on ContentCommitment, written independently of CanonicalRowEncoder. */
  static byte[] reference(TableSchema schema, List<Object[]> rows) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    str(out, "dirchain/content-commitment/v1");
    str(out, schema.canonical());
    for (Object[] row : rows) {
      out.write(1);
      for (Object cell : row) {
        if (cell == null) {
          out.write(0);
        } else {
          out.write(1);
          str(out, cell instanceof BigDecimal d
              ? (d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString()) : cell.toString());
        }
      }
    }
    out.write(0);
    out.writeLong(rows.size());
    return MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray());
  }

  private static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private ContentCommitment commit(String csv, String schema) throws IOException {
    Path file = dir.resolve("c" + System.nanoTime() + ".csv");
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return CsvTable.withSchema(file, TableSchema.parse(schema)).commitment();
  }

  @Test
  void matchesTheDocumentedEncodingOnRandomData() throws Exception {
    List<Object[]> rows = PatientFixtures.random(7, 2_000);
    Path file = PatientFixtures.writeCsv(dir.resolve("patients.csv"), rows);
    ContentCommitment c = CsvTable.withSchema(file, PatientFixtures.SCHEMA).commitment();
    assertArrayEquals(reference(PatientFixtures.SCHEMA, rows), c.bytes());
    assertEquals(2_000, c.rowCount());
    assertEquals(c, CsvTable.inferring(file).commitment(), "inferred schema of this data equals the declared one");
  }

  @Test
  void pinnedValueIsStableAcrossRuns() throws IOException {
    String csv = "age,hba1c,region\n40,7.10,north\n,0.00,\"\"\n-3,-1.5E1,\n";
    ContentCommitment c = commit(csv, "age:INTEGER,hba1c:DECIMAL,region:TEXT");
    assertEquals(c, commit(csv, "age:INTEGER,hba1c:DECIMAL,region:TEXT"));
    // Pinned: a provider's published commitment must not change between releases.
    assertEquals("0x413f7826a7869d6dd0c92eba037acd21442849e64f4ba017a3a90e77ba5f2112", c.hex());
    assertEquals(c.hex(), c.toHash32().hex());
    assertEquals(3, c.rowCount());
  }

  @Test
  void everyKindOfChangeChangesIt() throws IOException {
    String schema = "age:INTEGER,hba1c:DECIMAL,region:TEXT";
    String base = "age,hba1c,region\n40,7.1,north\n55,8.25,south\n";
    ContentCommitment c = commit(base, schema);
    List<ContentCommitment> variants = new ArrayList<>();
    variants.add(commit("age,hba1c,region\n41,7.1,north\n55,8.25,south\n", schema));   // integer value
    variants.add(commit("age,hba1c,region\n40,7.2,north\n55,8.25,south\n", schema));   // decimal value
    variants.add(commit("age,hba1c,region\n40,7.1,North\n55,8.25,south\n", schema));   // text value
    variants.add(commit("age,hba1c,region\n40,7.1,\n55,8.25,south\n", schema));        // NULL
    variants.add(commit("age,hba1c,region\n40,7.1,\"\"\n55,8.25,south\n", schema));    // empty string
    variants.add(commit("age,hba1c,region\n55,8.25,south\n40,7.1,north\n", schema));   // row order
    variants.add(commit("age,hba1c,region\n40,7.1,north\n", schema));                  // row dropped
    variants.add(commit(base + "40,7.1,north\n", schema));                             // row duplicated
    variants.add(commit("age,hba1c,area\n40,7.1,north\n55,8.25,south\n", "age:INTEGER,hba1c:DECIMAL,area:TEXT"));
    variants.add(commit(base, "age:DECIMAL,hba1c:DECIMAL,region:TEXT"));               // type only
    for (int i = 0; i < variants.size(); i++) {
      assertNotEquals(c, variants.get(i), "variant " + i);
      for (int j = i + 1; j < variants.size(); j++) {
        assertNotEquals(variants.get(i), variants.get(j), "variants " + i + " and " + j);
      }
    }
    // The NULL and empty-string variants differ from each other too (checked above); equal-valued
    // decimal spellings do not change anything:
    assertEquals(c, commit("age,hba1c,region\n+40,7.10,north\n055,825e-2,south\n", schema));
  }

  @Test
  void fieldBoundariesAreUnambiguous() throws IOException {
    assertNotEquals(commit("a,b\nab,c\n", "a:TEXT,b:TEXT"), commit("a,b\na,bc\n", "a:TEXT,b:TEXT"));
    assertNotEquals(commit("a\n\"x,y\"\n", "a:TEXT"), commit("a,b\nx,y\n", "a:TEXT,b:TEXT"));
  }
}
