package org.dirchain.node.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.data.TableSchema;
import org.dirchain.node.testing.PatientFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AggregateEngineTest {

  private static final TableSchema SCHEMA = PatientFixtures.SCHEMA;
  private static final BigDecimal TOLERANCE = new BigDecimal("1e-25");

  @TempDir static Path dir;
  private static List<Object[]> rows;
  private static LocalTable table;
  private final AggregateEngine engine = new AggregateEngine();

  @BeforeAll
  static void data() throws IOException {
    rows = PatientFixtures.random(2024, 5_000);
    table = CsvTable.withSchema(PatientFixtures.writeCsv(dir.resolve("patients.csv"), rows), SCHEMA);
  }

  static List<AggregateQuery> queries() {
    List<AggregateQuery> qs = new ArrayList<>();
    qs.add(AggregateQuery.builder()
        .measure(Measure.count()).measure(Measure.sum("hba1c")).measure(Measure.mean("hba1c"))
        .measure(Measure.variance("hba1c")).measure(Measure.variance("delta")).measure(Measure.mean("age"))
        .measure(Measure.histogram("age", "20", "30", "40", "50", "60", "70"))
        .build());
    // "Patients aged 40-60 with HbA1c > 7, by region."
    qs.add(AggregateQuery.builder()
        .where(Filter.between("age", "40", "60")).where(Filter.gt("hba1c", "7"))
        .groupBy("region", "north", "south", "east", "west")
        .measure(Measure.count()).measure(Measure.mean("hba1c")).measure(Measure.variance("hba1c"))
        .measure(Measure.histogram("hba1c", "7", "8", "9", "10.5"))
        .build());
    qs.add(AggregateQuery.builder()
        .where(Filter.in("region", "north", "east", "")).where(Filter.ne("note", "plain"))
        .where(Filter.le("delta", "0")).where(Filter.ge("bmi", "25.5"))
        .groupBy("region", "east", "north", "", "nowhere")
        .measure(Measure.sum("delta")).measure(Measure.variance("delta")).measure(Measure.mean("bmi"))
        .measure(Measure.histogram("delta", "-40", "-20.5", "-0.001", "0"))
        .build());
    qs.add(AggregateQuery.builder()
        .where(Filter.eq("age", "45.0")).where(Filter.lt("hba1c", "9.5")).where(Filter.ne("bmi", "20"))
        .measure(Measure.count()).measure(Measure.variance("bmi")).measure(Measure.sum("age"))
        .build());
    qs.add(AggregateQuery.builder()
        .where(Filter.eq("region", "nowhere"))
        .measure(Measure.count()).measure(Measure.mean("hba1c")).measure(Measure.variance("hba1c"))
        .build());
    return qs;
  }

  @Test
  void matchesAStraightforwardComputationOnRandomData() {
    for (AggregateQuery q : queries()) {
      LocalAggregate local = engine.evaluate(table, q);
      AggregateResult result = local.partial().finish();
      List<String> keys = q.isGrouped() ? q.groupBy().keys() : java.util.Collections.singletonList(null);
      long cohort = 0;
      for (String key : keys) {
        List<Object[]> selected = ReferenceAggregates.select(SCHEMA, rows, q, key);
        GroupResult g = result.group(key);
        assertEquals(selected.size(), g.rows(), q + " group " + key);
        cohort += selected.size();
        for (Measure m : q.measures()) {
          String what = m + " in group " + key + " of " + q.canonicalJson();
          if (m.kind() == MeasureKind.COUNT) {
            assertEquals(BigDecimal.valueOf(selected.size()), g.value(m), what);
            continue;
          }
          List<BigDecimal> xs = ReferenceAggregates.values(SCHEMA, selected, m.column());
          MeasureResult r = g.get(m);
          switch (m.kind()) {
            case SUM -> assertEquals(0, ReferenceAggregates.sum(xs).compareTo(r.value()), what);
            case MEAN -> close(ReferenceAggregates.mean(xs), r.value(), what);
            case VARIANCE -> close(ReferenceAggregates.sampleVariance(xs), r.value(), what);
            case HISTOGRAM -> {
              long[] expected = ReferenceAggregates.histogram(xs, m.edges());
              Histogram h = r.histogram();
              assertEquals(expected[0], h.underflow(), what);
              assertEquals(expected[expected.length - 1], h.overflow(), what);
              for (int i = 0; i < h.buckets().size(); i++) {
                assertEquals(expected[i + 1], h.buckets().get(i), what + " bucket " + i);
              }
              assertEquals(xs.size(), h.total(), what);
            }
            default -> throw new AssertionError(m);
          }
          if (m.kind() != MeasureKind.HISTOGRAM) {
            assertEquals(xs.size(), r.values(), what);
          }
        }
      }
      assertEquals(cohort, local.cohortSize(), q.canonicalJson());
      assertEquals(cohort, engine.cohortSize(table, q));
    }
  }

  @Test
  void theRandomQueriesSelectSomethingAndSomethingIsLeftOut() {
    // Guards the test above against vacuous passes.
    List<AggregateQuery> qs = queries();
    for (int i = 0; i < 4; i++) {
      long cohort = engine.cohortSize(table, qs.get(i));
      assertTrue(cohort > 0, "query " + i + " selects nothing");
      assertTrue(i == 0 || cohort < rows.size(), "query " + i + " filters nothing");
    }
    assertEquals(0, engine.cohortSize(table, qs.get(4)));
    AggregateResult empty = engine.compute(table, qs.get(4)).finish();
    assertNull(empty.total().value(Measure.mean("hba1c")), "mean of no values is undefined");
    assertNull(empty.total().value(Measure.variance("hba1c")), "variance of no values is undefined");
  }

  private static void close(BigDecimal expected, BigDecimal actual, String what) {
    if (expected == null) {
      assertNull(actual, what);
      return;
    }
    BigDecimal diff = expected.subtract(actual).abs();
    BigDecimal bound = TOLERANCE.max(expected.abs().multiply(TOLERANCE));
    assertTrue(diff.compareTo(bound) <= 0, what + ": expected " + expected + " got " + actual);
  }

  private static CsvTable csv(String content, String schema) throws IOException {
    Path file = Files.createTempFile(dir, "t", ".csv");
    Files.writeString(file, content);
    return CsvTable.withSchema(file, TableSchema.parse(schema));
  }

  @Test
  void nullsNeverMatchAndAreLeftOutOfMeasures() throws IOException {
    CsvTable t = csv("x,label\n1,a\n,a\n3,\n5,b\n", "x:INTEGER,label:TEXT");
    AggregateQuery ne = AggregateQuery.builder().where(Filter.ne("label", "b")).measure(Measure.count()).build();
    assertEquals(2, engine.cohortSize(t, ne), "NULL label does not match NE");
    AggregateQuery neX = AggregateQuery.builder().where(Filter.ne("x", "3")).measure(Measure.count()).build();
    assertEquals(2, engine.cohortSize(t, neX), "NULL x does not match NE");
    AggregateQuery all = AggregateQuery.builder().measure(Measure.count()).measure(Measure.mean("x")).build();
    GroupResult g = engine.compute(t, all).finish().total();
    assertEquals(4, g.rows());
    assertEquals(3, g.get(Measure.mean("x")).values());
    assertEquals(0, new BigDecimal("3").compareTo(g.value(Measure.mean("x"))));
  }

  @Test
  void histogramEdgesAreLeftClosedAndTheLastEdgeOverflows() throws IOException {
    CsvTable t = csv("v\n0\n10\n19.99\n20\n29.999\n30\n-1e3\n", "v:DECIMAL");
    AggregateQuery q = AggregateQuery.builder().measure(Measure.histogram("v", "10", "20", "30")).build();
    Histogram h = engine.compute(t, q).finish().total().histogram(Measure.histogram("v", "10", "20", "30"));
    assertEquals(2, h.underflow());
    assertEquals(List.of(2L, 2L), h.buckets());
    assertEquals(1, h.overflow());
  }

  @Test
  void betweenIsInclusiveAndUnlistedGroupsAreIgnored() throws IOException {
    CsvTable t = csv("age,region\n39,n\n40,n\n50,s\n60,s\n61,s\n45,x\n45,\n", "age:INTEGER,region:TEXT");
    AggregateQuery q = AggregateQuery.builder().where(Filter.between("age", "40", "60"))
        .groupBy("region", "s", "n").measure(Measure.count()).build();
    LocalAggregate local = engine.evaluate(t, q);
    assertEquals(3, local.cohortSize(), "x and NULL regions are not listed");
    assertEquals(2, local.partial().rows(0));
    assertEquals(1, local.partial().rows(1));
    assertEquals(1, local.smallestGroup());
  }

  @Test
  void queriesThatDoNotFitTheSchemaAreRefusedBeforeReading() throws IOException {
    // The data row is malformed: a query that got as far as reading would fail differently.
    CsvTable t = csv("age,hba1c,region\n1,2\n", "age:INTEGER,hba1c:DECIMAL,region:TEXT");
    record Case(AggregateQuery query, String message) {}
    List<Case> cases = List.of(
        new Case(AggregateQuery.builder().where(Filter.gt("weight", "3")).measure(Measure.count()).build(),
            "unknown column 'weight'; available columns: age, hba1c, region"),
        new Case(AggregateQuery.builder().where(Filter.gt("region", "3")).measure(Measure.count()).build(),
            "filter GT on 'region' compares numbers, but the column is TEXT"),
        new Case(AggregateQuery.builder().where(Filter.eq("age", "forty")).measure(Measure.count()).build(),
            "'forty' is not a number"),
        new Case(AggregateQuery.builder().where(Filter.in("age", "40")).measure(Measure.count()).build(),
            "filter IN on 'age' is for TEXT columns"),
        new Case(AggregateQuery.builder().measure(Measure.sum("region")).build(),
            "SUM of 'region' needs a numeric column"),
        new Case(AggregateQuery.builder().measure(Measure.histogram("region", "1", "2")).build(),
            "HISTOGRAM of 'region' needs a numeric column"),
        new Case(AggregateQuery.builder().groupBy("hba1c", "40").measure(Measure.count()).build(),
            "group-by column 'hba1c' is DECIMAL; grouping needs a TEXT or INTEGER column"),
        new Case(AggregateQuery.builder().measure(Measure.mean("bmi")).build(), "unknown column 'bmi'"));
    for (Case c : cases) {
      InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> engine.evaluate(t, c.query()));
      assertTrue(e.getMessage().contains(c.message()), e.getMessage());
      assertThrows(InvalidQueryException.class, () -> BoundQuery.validate(c.query(), t.schema()));
    }
  }

  @Test
  void groupsByAnIntegerColumnMatchKeysByValue() throws IOException {
    CsvTable t = csv("stage,x\n1,2.5\n2,1\n1,0.5\n3,9\n,4\n", "stage:INTEGER,x:DECIMAL");
    AggregateQuery q = AggregateQuery.builder().groupBy("stage", "1", "+2", "4").measure(Measure.count())
        .measure(Measure.sum("x")).build();
    AggregateResult result = engine.compute(t, q).finish();
    assertEquals(2, result.group("1").rows());
    assertEquals(0, new BigDecimal("3").compareTo(result.group("1").value(Measure.sum("x"))));
    assertEquals(1, result.group("+2").rows(), "+2 names the value 2");
    assertEquals(0, result.group("4").rows());
    InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> BoundQuery.validate(
        AggregateQuery.builder().groupBy("stage", "1.5").measure(Measure.count()).build(), t.schema()));
    assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
  }

  @Test
  void integerColumnsAggregateExactly() throws IOException {
    CsvTable t = csv("v\n9223372036854775807\n9223372036854775807\n-5\n", "v:INTEGER");
    AggregateQuery q = AggregateQuery.builder().measure(Measure.sum("v")).measure(Measure.variance("v")).build();
    PartialAggregate p = engine.compute(t, q);
    assertEquals(new BigDecimal("18446744073709551609"), p.sum(0, 0));
    assertArrayEquals(new long[] {3}, new long[] {p.count(0, 0)});
  }
}
