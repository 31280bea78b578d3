package org.dirchain.node.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.dirchain.node.data.ContentCommitment;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.data.TableSchema;
import org.dirchain.node.query.AggregateEngine;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.Filter;
import org.dirchain.node.query.LocalAggregate;
import org.dirchain.node.query.Measure;

/**
 * Shows that a node streams its data: generates a CSV of N rows × 20 columns (default 1,000,000),
 * then infers its schema, computes its content commitment and runs a filtered, grouped aggregate
 * with histograms, each in one pass, reporting wall time, rows/s and heap peaks. Run with a small
 * heap to see it stay under it:
 *
 * <pre>
 *   ./mvnw -o -q -B -pl compute-node test-compile dependency:build-classpath \
 *       -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
 *   java -Xmx512m -cp compute-node/target/test-classes:compute-node/target/classes:$(cat compute-node/target/bench.classpath) \
 *       org.dirchain.node.bench.StreamingMemoryBench [rows] [csv-path]
 * </pre>
 *
 * Without a path the CSV goes to a temporary file that is deleted afterwards.
 */
public final class StreamingMemoryBench {

  static final TableSchema SCHEMA = TableSchema.parse(
      "id:INTEGER,age:INTEGER,visits:INTEGER,systolic:INTEGER,diastolic:INTEGER,cholesterol:INTEGER,steps:INTEGER,"
          + "hba1c:DECIMAL,bmi:DECIMAL,weight_kg:DECIMAL,height_m:DECIMAL,glucose:DECIMAL,creatinine:DECIMAL,income:DECIMAL,"
          + "region:TEXT,sex:TEXT,smoker:TEXT,diagnosis:TEXT,clinic:TEXT,note:TEXT");

  private static final String[] REGIONS = {"north", "south", "east", "west", "central", "islands"};
  private static final String[] DIAGNOSES = {"T2D", "T1D", "prediabetes", "none", "gestational"};
  private static final String[] NOTES = {"routine", "follow-up, 3 months", "referred \"urgent\"", "", "no show"};

  private StreamingMemoryBench() {}

  public static void main(String[] args) throws Exception {
    long rows = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000L;
    boolean temporary = args.length < 2;
    Path csv = temporary ? Files.createTempFile("dirchain-bench-", ".csv") : Path.of(args[1]);
    try {
      System.out.printf(Locale.ROOT, "StreamingMemoryBench: %,d rows x %d columns, max heap %s, %d CPUs, Java %s%n",
          rows, SCHEMA.size(), mib(Runtime.getRuntime().maxMemory()), Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.printf(Locale.ROOT, "%-12s %9s %12s %10s %16s %16s %8s%n",
          "phase", "wall s", "rows/s", "MiB/s", "heap peak*", "heap sampled", "GC ms");
      phase("generate", rows, csv, () -> {
        generate(csv, rows);
        return "";
      });
      System.out.printf(Locale.ROOT, "  file: %s, %s%n", csv, mib(Files.size(csv)));

      String inferred = phase("infer", rows, csv, () -> CsvTable.inferSchema(csv).canonical());
      if (!inferred.equals(SCHEMA.canonical())) {
        throw new IllegalStateException("inferred schema " + inferred + " differs from the generated one");
      }
      CsvTable table = CsvTable.withSchema(csv, SCHEMA);
      ContentCommitment commitment = phase("commitment", rows, csv, table::commitment);
      System.out.printf(Locale.ROOT, "  commitment %s over %,d rows%n", commitment.hex(), commitment.rowCount());

      AggregateQuery query = AggregateQuery.builder()
          .where(Filter.between("age", "40", "60"))
          .where(Filter.gt("hba1c", "7"))
          .where(Filter.in("diagnosis", "T2D", "prediabetes"))
          .groupBy("region", REGIONS)
          .measure(Measure.count())
          .measure(Measure.mean("hba1c"))
          .measure(Measure.variance("bmi"))
          .measure(Measure.sum("income"))
          .measure(Measure.histogram("glucose", "4", "5.6", "7", "11.1", "20"))
          .measure(Measure.histogram("systolic", "90", "120", "140", "160", "180"))
          .build();
      AggregateEngine engine = new AggregateEngine();
      LocalAggregate result = phase("aggregate", rows, csv, () -> engine.evaluate(table, query));
      System.out.printf(Locale.ROOT, "  cohort %,d rows; vector of %d slots; north: %s%n", result.cohortSize(),
          result.partial().layout().length(), result.partial().finish().group("north").measures().subList(0, 2));
      System.out.println("  * heap peak = sum of the heap pools' peak usage during the phase (an upper bound);"
          + " sampled = max heap in use seen by a 2 ms sampler");
    } finally {
      if (temporary) {
        Files.deleteIfExists(csv);
      }
    }
  }

  /** Runs one phase after a GC, with pool peaks reset and a heap sampler running; prints one line. */
  private static <T> T phase(String name, long rows, Path csv, ThrowingSupplier<T> body) throws Exception {
    List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).toList();
    System.gc();
    heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    long gcBefore = gcMillis();
    AtomicLong sampled = new AtomicLong();
    Thread sampler = new Thread(() -> {
      var memory = ManagementFactory.getMemoryMXBean();
      while (!Thread.currentThread().isInterrupted()) {
        sampled.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long start = System.nanoTime();
    T result = body.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    sampler.interrupt();
    sampler.join();
    long peak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    System.out.printf(Locale.ROOT, "%-12s %9.2f %12s %10.1f %16s %16s %8d%n", name, seconds,
        String.format(Locale.ROOT, "%,d", Math.round(rows / seconds)), Files.size(csv) / 1048576.0 / seconds,
        mib(peak), mib(sampled.get()), gcMillis() - gcBefore);
    return result;
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }

  static void generate(Path csv, long rows) throws IOException {
    SplittableRandom r = new SplittableRandom(20240601);
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write(String.join(",", SCHEMA.names()));
      w.write('\n');
      StringBuilder line = new StringBuilder(256);
      for (long i = 1; i <= rows; i++) {
        line.setLength(0);
        line.append(i).append(',');
        nullable(line, r, () -> Integer.toString(18 + r.nextInt(73)));
        line.append(r.nextInt(40)).append(',');
        nullable(line, r, () -> Integer.toString(90 + r.nextInt(100)));
        nullable(line, r, () -> Integer.toString(55 + r.nextInt(50)));
        nullable(line, r, () -> Integer.toString(120 + r.nextInt(200)));
        line.append(r.nextInt(25_000)).append(',');
        nullable(line, r, () -> decimal(400 + r.nextInt(900), 2));
        nullable(line, r, () -> decimal(150 + r.nextInt(350), 1));
        nullable(line, r, () -> decimal(400 + r.nextInt(1_200), 1));
        nullable(line, r, () -> decimal(140 + r.nextInt(70), 2));
        nullable(line, r, () -> decimal(30 + r.nextInt(200), 1));
        nullable(line, r, () -> decimal(40 + r.nextInt(200), 2));
        nullable(line, r, () -> decimal(r.nextLong(25_000_000L), 2));
        line.append(REGIONS[r.nextInt(REGIONS.length)]).append(',');
        line.append(r.nextBoolean() ? "F" : "M").append(',');
        nullable(line, r, () -> r.nextInt(4) == 0 ? "yes" : "no");
        line.append(DIAGNOSES[r.nextInt(DIAGNOSES.length)]).append(',');
        line.append("clinic-").append(r.nextInt(300)).append(',');
        String note = NOTES[r.nextInt(NOTES.length)];
        line.append(note.contains(",") || note.contains("\"") || note.isEmpty()
            ? '"' + note.replace("\"", "\"\"") + '"' : note);
        line.append('\n');
        w.append(line);
      }
    }
  }

  /** About 2% NULL (an empty field). */
  private static void nullable(StringBuilder line, SplittableRandom r, Supplier<String> value) {
    if (r.nextInt(50) != 0) {
      line.append(value.get());
    }
    line.append(',');
  }

  private static String decimal(long unscaled, int scale) {
    return java.math.BigDecimal.valueOf(unscaled, scale).toPlainString();
  }

  @FunctionalInterface
  private interface ThrowingSupplier<T> {
    T get() throws Exception;
  }
}
