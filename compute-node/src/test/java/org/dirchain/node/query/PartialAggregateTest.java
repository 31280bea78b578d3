package org.dirchain.node.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.data.TableSchema;
import org.dirchain.node.testing.PatientFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartialAggregateTest {

  @TempDir Path dir;
  private final AggregateEngine engine = new AggregateEngine();

  private static final AggregateQuery QUERY = AggregateQuery.builder()
      .where(Filter.ge("age", "30")).where(Filter.in("note", "plain", "a,b", "東京", ""))
      .groupBy("region", "north", "south", "east", "west", "other")
      .measure(Measure.count()).measure(Measure.mean("hba1c")).measure(Measure.variance("delta"))
      .measure(Measure.sum("bmi")).measure(Measure.histogram("age", "40", "60", "80"))
      .build();

  private static BigInteger[] add(BigInteger[]... vectors) {
    BigInteger[] sum = new BigInteger[vectors[0].length];
    java.util.Arrays.fill(sum, BigInteger.ZERO);
    for (BigInteger[] v : vectors) {
      for (int i = 0; i < v.length; i++) {
        sum[i] = sum[i].add(v[i]);
      }
    }
    return sum;
  }

  @Test
  void partialsOfThreeShardsAddUpToTheWhole() throws IOException {
    List<Object[]> rows = PatientFixtures.random(99, 6_000);
    CsvTable whole = CsvTable.withSchema(PatientFixtures.writeCsv(dir.resolve("all.csv"), rows), PatientFixtures.SCHEMA);
    CsvTable a = CsvTable.withSchema(PatientFixtures.writeCsv(dir.resolve("a.csv"), rows.subList(0, 1_000)), PatientFixtures.SCHEMA);
    CsvTable b = CsvTable.withSchema(PatientFixtures.writeCsv(dir.resolve("b.csv"), rows.subList(1_000, 3_500)), PatientFixtures.SCHEMA);
    CsvTable c = CsvTable.withSchema(PatientFixtures.writeCsv(dir.resolve("c.csv"), rows.subList(3_500, 6_000)), PatientFixtures.SCHEMA);

    PartialAggregate pw = engine.compute(whole, QUERY);
    PartialAggregate pa = engine.compute(a, QUERY);
    PartialAggregate pb = engine.compute(b, QUERY);
    PartialAggregate pc = engine.compute(c, QUERY);
    assertTrue(pa.totalRows() > 0 && pb.totalRows() > 0 && pc.totalRows() > 0, "every shard contributes");

    PartialAggregate combined = pa.plus(pb).plus(pc);
    assertEquals(pw, combined);
    assertEquals(pw, pc.plus(pa.plus(pb)), "order of addition does not matter");
    assertEquals(pw, PartialAggregate.empty(QUERY).plus(pw), "empty is the identity");
    assertEquals(pw.finish(), combined.finish());

    // What the coordinator does under encryption: add the fixed-point vectors slot by slot.
    BigInteger[] summed = add(pa.toVector(), pb.toVector(), pc.toVector());
    assertArrayEquals(pw.toVector(), summed);
    assertEquals(pw.finish(), PartialAggregate.fromVector(QUERY, summed).finish());
  }

  @Test
  void vectorLayoutIsDefinedByTheQueryAlone() {
    VectorLayout layout = new VectorLayout(QUERY);
    // Per group: rows + 3 moment columns × (n, sum, sumsq) + histogram (3 edges → 4 slots).
    assertEquals(1 + 3 * 3 + 4, layout.groupStride());
    assertEquals(5 * 14, layout.length());
    assertEquals(List.of("hba1c", "delta", "bmi"), QUERY.momentColumns());
    List<String> labels = layout.labels();
    assertEquals(layout.length(), labels.size());
    assertEquals(List.of("north/rows", "north/hba1c/n", "north/hba1c/sum", "north/hba1c/sumsq"), labels.subList(0, 4));
    assertEquals(List.of("north/hist0(age)/<40", "north/hist0(age)/[40,60)", "north/hist0(age)/[60,80)",
        "north/hist0(age)/>=80", "south/rows"), labels.subList(10, 15));
    assertEquals(layout.length(), PartialAggregate.empty(QUERY).toVector().length);
  }

  private PartialAggregate small() throws IOException {
    Path file = dir.resolve("small.csv");
    Files.writeString(file, "x\n1.5\n2.25\n-0.125\n\n");
    AggregateQuery q = AggregateQuery.builder().measure(Measure.count()).measure(Measure.variance("x")).build();
    return engine.compute(CsvTable.withSchema(file, TableSchema.parse("x:DECIMAL")), q);
  }

  @Test
  void vectorScalesSumsAndSumsOfSquaresAndRoundTrips() throws IOException {
    PartialAggregate p = small();
    // [rows, n, sum·10^6, sumsq·10^12]: sum = 3.625, sumsq = 2.25 + 5.0625 + 0.015625 = 7.328125
    assertArrayEquals(new BigInteger[] {BigInteger.valueOf(3), BigInteger.valueOf(3),
        BigInteger.valueOf(3_625_000), BigInteger.valueOf(7_328_125_000_000L)}, p.toVector());
    assertEquals(p, PartialAggregate.fromVector(p.query(), p.toVector()));
    assertEquals(p, PartialAggregate.fromVector(p.query(), 3, p.toVector(3)));
    assertEquals(p.finish(), PartialAggregate.fromVector(p.query(), p.toVector()).finish());
    // Coarser than the data: rounded half-even, once per slot.
    assertArrayEquals(new BigInteger[] {BigInteger.valueOf(3), BigInteger.valueOf(3),
        BigInteger.valueOf(362), BigInteger.valueOf(73_281)}, p.toVector(2));
    assertNotEquals(p, PartialAggregate.fromVector(p.query(), 2, p.toVector(2)));
  }

  @Test
  void varianceIsTheSampleVariance() throws IOException {
    GroupResult g = small().finish().total();
    // mean = 3.625/3; sample variance = (3·7.328125 − 3.625²)/(3·2) = 8.843750/6 = 1.473958333...
    assertEquals(0, new BigDecimal("1.473958333333333333333333333333333").compareTo(g.value(Measure.variance("x"))),
        g.value(Measure.variance("x")).toString());
    assertEquals(3, g.get(Measure.variance("x")).values());
  }

  @Test
  void malformedVectorsAndMismatchedQueriesAreRefused() throws IOException {
    PartialAggregate p = small();
    BigInteger[] v = p.toVector();
    assertThrows(IllegalArgumentException.class, () -> PartialAggregate.fromVector(p.query(), java.util.Arrays.copyOf(v, 3)));
    BigInteger[] negative = v.clone();
    negative[0] = BigInteger.valueOf(-1);
    assertThrows(IllegalArgumentException.class, () -> PartialAggregate.fromVector(p.query(), negative));
    BigInteger[] moreValuesThanRows = v.clone();
    moreValuesThanRows[1] = BigInteger.valueOf(4);
    assertThrows(IllegalArgumentException.class, () -> PartialAggregate.fromVector(p.query(), moreValuesThanRows));
    BigInteger[] negativeSquares = v.clone();
    negativeSquares[3] = BigInteger.valueOf(-7);
    assertThrows(IllegalArgumentException.class, () -> PartialAggregate.fromVector(p.query(), negativeSquares));
    BigInteger[] huge = v.clone();
    huge[0] = BigInteger.ONE.shiftLeft(63);
    assertThrows(IllegalArgumentException.class, () -> PartialAggregate.fromVector(p.query(), huge));
    assertThrows(IllegalArgumentException.class, () -> p.plus(PartialAggregate.empty(QUERY)));
    assertThrows(IllegalArgumentException.class, () -> p.toVector(19));
  }
}
