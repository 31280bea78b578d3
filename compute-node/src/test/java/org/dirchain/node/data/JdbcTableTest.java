package org.dirchain.node.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.dirchain.node.query.AggregateEngine;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.Filter;
import org.dirchain.node.query.Measure;
import org.dirchain.testing.LocalPostgres;
import org.dirchain.node.testing.PatientFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JdbcTable against a real, throwaway PostgreSQL (skipped with a printed reason if not installed). */
class JdbcTableTest {

  private static LocalPostgres pg;
  private static String url;
  private static DataSource ds;

  @TempDir Path dir;

  @BeforeAll
  static void startPostgres() {
    pg = LocalPostgres.startOrAbort();
    url = pg.createDatabase();
    ds = new DriverManagerDataSource(url, pg.user(), pg.password());
  }

  @AfterAll
  static void stopPostgres() {
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void mapsColumnTypesFromMetadata() {
    execute("CREATE TABLE types_t (a smallint, b integer, c bigint, d numeric(10,2), e real, f double precision,"
        + " g numeric, h char(3), i varchar(10), j text)",
        "INSERT INTO types_t VALUES (1, -2, 9223372036854775807, 12.50, 0.5, -1e-5, 1e20, 'ab', 'Zürich', NULL)");
    JdbcTable t = JdbcTable.connect(ds, "types_t");
    assertEquals("a:INTEGER,b:INTEGER,c:INTEGER,d:DECIMAL,e:DECIMAL,f:DECIMAL,g:DECIMAL,h:TEXT,i:TEXT,j:TEXT",
        t.schema().canonical());
    try (RowCursor c = t.open()) {
      assertTrue(c.next());
      assertEquals(1, c.integer(0));
      assertEquals(-2, c.integer(1));
      assertEquals(Long.MAX_VALUE, c.integer(2));
      assertEquals("12.5", Numbers.canonical(c.decimal(3)));
      assertEquals("0.5", Numbers.canonical(c.decimal(4)));
      assertEquals("-0.00001", Numbers.canonical(c.decimal(5)));
      assertEquals("100000000000000000000", Numbers.canonical(c.decimal(6)));
      assertEquals("ab ", c.text(7), "char(n) keeps its padding");
      assertEquals("Zürich", c.text(8));
      assertTrue(c.isNull(9));
      assertTrue(!c.next());
    }
  }

  @Test
  void refusesUnsupportedTypesButReadsAChosenSubset() {
    execute("CREATE TABLE visits (patient bigint, visit_date date, score numeric)",
        "INSERT INTO visits VALUES (1, '2024-01-02', 3.5)");
    UnsupportedColumnTypeException e = assertThrows(UnsupportedColumnTypeException.class,
        () -> JdbcTable.connect(ds, "visits"));
    assertTrue(e.getMessage().contains("'visit_date'") && e.getMessage().contains("date"), e.getMessage());
    JdbcTable subset = JdbcTable.connect(ds, "visits", List.of("score", "patient"));
    assertEquals("score:DECIMAL,patient:INTEGER", subset.schema().canonical());
    assertEquals(1, subset.rowCount());
  }

  @Test
  void injectionAttemptsNeverReachTheDatabase() throws Exception {
    execute("CREATE TABLE patients (age integer)", "CREATE TABLE x (v integer)", "INSERT INTO x VALUES (1)");
    for (String table : List.of("patients; DROP TABLE x", "patients\"; DROP TABLE x; --", "public.patients.x",
        "patients WHERE 1=1; DROP TABLE x")) {
      assertThrows(InvalidIdentifierException.class, () -> JdbcTable.connect(ds, table), table);
    }
    assertThrows(InvalidIdentifierException.class,
        () -> JdbcTable.connect(ds, "patients", List.of("age) FROM x; DROP TABLE x; --")));
    try (Connection c = connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*) FROM x")) {
      rs.next();
      assertEquals(1, rs.getInt(1), "table x must still exist with its row");
    }
  }

  @Test
  void quotedNamesHandleReservedWordsCaseAndSchemas() {
    execute("CREATE SCHEMA clinic", "CREATE TABLE clinic.\"Visits\" (\"order\" integer, \"Region\" text)",
        "INSERT INTO clinic.\"Visits\" VALUES (1, 'north'), (2, NULL)");
    JdbcTable t = JdbcTable.connect(ds, "clinic.Visits");
    assertEquals("order:INTEGER,Region:TEXT", t.schema().canonical());
    assertEquals(2, t.rowCount());
    DataSourceException e = assertThrows(DataSourceException.class, () -> JdbcTable.connect(ds, "clinic.visits"));
    assertTrue(e.getMessage().contains("does not exist"), "names are case-sensitive once quoted: " + e.getMessage());
  }

  @Test
  void streamsThroughAServerSideCursor() {
    // A view that fails when row 150000 is computed: a driver that materialised the whole result
    // would fail in open(); a streaming one hands out the earlier rows first.
    execute("CREATE TABLE series AS SELECT g AS x FROM generate_series(1, 200000) g",
        "CREATE VIEW exploding AS SELECT x, 1 / (x - 150000) AS boom FROM series");
    JdbcTable t = JdbcTable.connect(ds, "exploding").withFetchSize(1_000);
    long read = 0;
    DataSourceException failure = null;
    try (RowCursor c = t.open()) {
      while (c.next()) {
        read++;
      }
    } catch (DataSourceException e) {
      failure = e;
    }
    assertTrue(failure != null && failure.getMessage().contains("division by zero"), String.valueOf(failure));
    assertTrue(read >= 149_000 && read < 150_000, "rows streamed before the failing batch: " + read);
    assertEquals(200_000, JdbcTable.connect(ds, "series").rowCount());
  }

  @Test
  void nanIsAClearErrorNamingTheColumn() {
    execute("CREATE TABLE floats (v double precision)", "INSERT INTO floats VALUES ('NaN')");
    JdbcTable t = JdbcTable.connect(ds, "floats");
    DataSourceException e = assertThrows(DataSourceException.class, t::commitment);
    assertTrue(e.getMessage().contains("column 'v'"), e.getMessage());
  }

  @Test
  void commitmentEqualsCsvWithTheSameRowsInDatabaseOrder() throws Exception {
    execute("CREATE TABLE p_commit (" + PatientFixtures.CREATE_TABLE_COLUMNS + ")");
    List<Object[]> rows = PatientFixtures.random(42, 3_000);
    try (Connection c = connect()) {
      PatientFixtures.insert(c, "p_commit", rows);
    }
    // Commit to a column order that starts with text and NULL-bearing columns, so the database's
    // ORDER BY (C collation, NULLS LAST) really decides the row order.
    List<String> columns = List.of("region", "note", "age", "hba1c", "bmi", "delta");
    int[] from = columns.stream().mapToInt(PatientFixtures.SCHEMA::indexOf).toArray();
    List<Object[]> projected = new ArrayList<>();
    for (Object[] r : rows) {
      Object[] p = new Object[from.length];
      for (int i = 0; i < from.length; i++) {
        p[i] = r[from[i]];
      }
      projected.add(p);
    }
    List<Column> schemaColumns = columns.stream().map(PatientFixtures.SCHEMA::column).toList();
    TableSchema schema = new TableSchema(schemaColumns);

    JdbcTable db = JdbcTable.connect(ds, "p_commit", columns);
    assertEquals(schema, db.schema());

    List<Object[]> sorted = new ArrayList<>(projected);
    sorted.sort(PatientFixtures.databaseOrder());
    Path sortedCsv = PatientFixtures.writeCsv(dir.resolve("sorted.csv"), columns, sorted, "\r\n");
    ContentCommitment fromDb = db.commitment();
    assertEquals(CsvTable.withSchema(sortedCsv, schema).commitment(), fromDb);
    assertEquals(3_000, fromDb.rowCount());

    Path unsortedCsv = PatientFixtures.writeCsv(dir.resolve("unsorted.csv"), columns, projected, "\n");
    assertNotEquals(CsvTable.withSchema(unsortedCsv, schema).commitment(), fromDb, "row order is committed to");

    execute("UPDATE p_commit SET delta = delta + 0.001 WHERE id = 17 AND delta IS NOT NULL",
        "UPDATE p_commit SET age = 99 WHERE id = 18");
    assertNotEquals(fromDb, db.commitment(), "a changed value changes the commitment");
  }

  @Test
  void aggregatesOverPostgresEqualThoseOverTheCsv() throws Exception {
    execute("CREATE TABLE p_agg (" + PatientFixtures.CREATE_TABLE_COLUMNS + ")");
    List<Object[]> rows = PatientFixtures.random(5, 4_000);
    try (Connection c = connect()) {
      PatientFixtures.insert(c, "p_agg", rows);
    }
    Path csv = PatientFixtures.writeCsv(dir.resolve("p_agg.csv"), rows);
    AggregateQuery q = AggregateQuery.builder()
        .where(Filter.between("age", "40", "60"))
        .where(Filter.gt("hba1c", "7"))
        .groupBy("region", "north", "south", "east", "west", "")
        .measure(Measure.count())
        .measure(Measure.mean("hba1c"))
        .measure(Measure.variance("bmi"))
        .measure(Measure.sum("delta"))
        .measure(Measure.histogram("bmi", "18.5", "25", "30"))
        .build();
    AggregateEngine engine = new AggregateEngine();
    var fromDb = engine.evaluate(JdbcTable.connect(ds, "p_agg").withFetchSize(500), q);
    var fromCsv = engine.evaluate(CsvTable.withSchema(csv, PatientFixtures.SCHEMA), q);
    assertEquals(fromCsv.partial(), fromDb.partial());
    assertEquals(fromCsv.cohortSize(), fromDb.cohortSize());
    assertTrue(fromDb.cohortSize() > 100, "the query must select a real cohort: " + fromDb.cohortSize());
    BigDecimal mean = fromDb.partial().finish().group("north").value(Measure.mean("hba1c"));
    assertTrue(mean.compareTo(new BigDecimal("7")) > 0 && mean.compareTo(new BigDecimal("12")) <= 0, mean.toString());
  }

  private static Connection connect() throws java.sql.SQLException {
    return java.sql.DriverManager.getConnection(url, pg.user(), pg.password());
  }

  /** Runs SQL statements on the test database, each in auto-commit. */
  private static void execute(String... sql) {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
  }
}
