package org.dirchain.node.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.dirchain.node.data.Column;
import org.dirchain.node.data.ColumnType;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.data.TableSchema;

/**
 * Rows from a known generating model, written as CSV tables: five features on very different scales
 * (so standardisation matters), a TEXT column, and a label. Features are x_i = MEAN_i + SD_i·z_i with
 * z_i ~ N(0, 1); the label depends on z through the true standardised coefficients.
 */
final class SyntheticData {

  static final List<String> FEATURES = List.of("age", "bmi", "hba1c", "sbp", "ldl");
  static final double[] MEAN = {55, 27, 6.5, 130, 3.2};
  static final double[] SD = {12, 4.5, 1.1, 18, 0.9};
  /** Feature sizes of the three hospitals: deliberately uneven. */
  static final int[] NODE_ROWS = {3000, 1800, 1200};

  static final TableSchema SCHEMA = TableSchema.of(
      new Column("age", ColumnType.DECIMAL),
      new Column("bmi", ColumnType.DECIMAL),
      new Column("hba1c", ColumnType.DECIMAL),
      new Column("sbp", ColumnType.DECIMAL),
      new Column("ldl", ColumnType.DECIMAL),
      new Column("site", ColumnType.TEXT),
      new Column("y", ColumnType.DECIMAL));

  /** One generated row: raw features and label. */
  record Row(double[] x, double y) {}

  /** The nodes' tables and one table holding all their rows (for the centralised reference fit). */
  record Split(List<CsvTable> nodes, CsvTable pooled, List<Row> rows) {}

  private SyntheticData() {}

  /** y ~ Bernoulli(σ(β·z + b)). */
  static List<Row> logistic(double[] beta, double intercept, int n, long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      double[] z = standardNormals(rnd);
      double p = 1 / (1 + Math.exp(-(dot(beta, z) + intercept)));
      rows.add(new Row(raw(z), rnd.nextDouble() < p ? 1 : 0));
    }
    return rows;
  }

  /** y = β·z + b + N(0, noise²). */
  static List<Row> linear(double[] beta, double intercept, double noise, int n, long seed) {
    Random rnd = new Random(seed);
    List<Row> rows = new ArrayList<>(n);
    for (int r = 0; r < n; r++) {
      double[] z = standardNormals(rnd);
      rows.add(new Row(raw(z), dot(beta, z) + intercept + noise * rnd.nextGaussian()));
    }
    return rows;
  }

  /** Writes consecutive slices of {@code rows} of the given sizes as node tables, plus the pooled table. */
  static Split write(Path dir, List<Row> rows, int... sizes) {
    List<CsvTable> nodes = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < sizes.length; i++) {
      nodes.add(writeTable(dir.resolve("hospital" + i + ".csv"), rows.subList(from, from + sizes[i])));
      from += sizes[i];
    }
    return new Split(nodes, writeTable(dir.resolve("pooled.csv"), rows.subList(0, from)), rows.subList(0, from));
  }

  static CsvTable writeTable(Path file, List<Row> rows) {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", SCHEMA.names()) + "\n");
      for (Row row : rows) {
        StringBuilder line = new StringBuilder();
        for (double v : row.x()) {
          line.append(v).append(',');
        }
        line.append("site-").append(rows.size()).append(',').append(row.y()).append('\n');
        w.write(line.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return CsvTable.withSchema(file, SCHEMA);
  }

  /** The true coefficients on raw features, from standardised ones: β_raw = β / SD. */
  static double[] rawCoefficients(double[] beta) {
    double[] raw = new double[beta.length];
    for (int i = 0; i < beta.length; i++) {
      raw[i] = beta[i] / SD[i];
    }
    return raw;
  }

  private static double[] standardNormals(Random rnd) {
    double[] z = new double[MEAN.length];
    for (int i = 0; i < z.length; i++) {
      z[i] = rnd.nextGaussian();
    }
    return z;
  }

  private static double[] raw(double[] z) {
    double[] x = new double[z.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = MEAN[i] + SD[i] * z[i];
    }
    return x;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
