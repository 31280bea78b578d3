package org.dirchain.node.query;

import java.math.BigDecimal;
import java.util.List;
import org.dirchain.node.data.Column;
import org.dirchain.node.data.Numbers;

/**
 * One measure of a query. COUNT has no column; SUM, MEAN and VARIANCE take a numeric column;
 * HISTOGRAM takes a numeric column and at least two strictly ascending bucket edges (as strings in
 * the syntax of {@link Numbers}). NULL values are left out of every measure except COUNT.
 */
public record Measure(MeasureKind kind, String column, List<String> edges) {

  public static final int MAX_EDGES = 1_001;

  public Measure {
    if (kind == null) {
      throw new InvalidQueryException("measure has no kind");
    }
    edges = edges == null ? List.of() : List.copyOf(edges);
    if (kind == MeasureKind.COUNT) {
      if (column != null) {
        throw new InvalidQueryException("COUNT counts rows and takes no column (got '" + column + "')");
      }
    } else if (!Column.isValidName(column)) {
      throw new InvalidQueryException(kind + " needs a valid column name, got '" + column + "'");
    }
    if (kind != MeasureKind.HISTOGRAM && !edges.isEmpty()) {
      throw new InvalidQueryException(kind + " takes no bucket edges");
    }
    if (kind == MeasureKind.HISTOGRAM) {
      checkEdges(column, edges);
    }
  }

  private static void checkEdges(String column, List<String> edges) {
    if (edges.size() < 2 || edges.size() > MAX_EDGES) {
      throw new InvalidQueryException("HISTOGRAM of '" + column + "' needs 2 to " + MAX_EDGES + " bucket edges, got " + edges.size());
    }
    BigDecimal previous = null;
    for (String e : edges) {
      if (!Numbers.isDecimal(e)) {
        throw new InvalidQueryException("HISTOGRAM of '" + column + "': edge '" + e + "' is not a number");
      }
      BigDecimal edge = new BigDecimal(e);
      if (previous != null && edge.compareTo(previous) <= 0) {
        throw new InvalidQueryException("HISTOGRAM of '" + column + "': edges must be strictly ascending, but "
            + e + " follows " + previous.toPlainString());
      }
      previous = edge;
    }
  }

  public static Measure count() {
    return new Measure(MeasureKind.COUNT, null, List.of());
  }

  public static Measure sum(String column) {
    return new Measure(MeasureKind.SUM, column, List.of());
  }

  public static Measure mean(String column) {
    return new Measure(MeasureKind.MEAN, column, List.of());
  }

  public static Measure variance(String column) {
    return new Measure(MeasureKind.VARIANCE, column, List.of());
  }

  public static Measure histogram(String column, String... edges) {
    return new Measure(MeasureKind.HISTOGRAM, column, List.of(edges));
  }

  /** True for SUM, MEAN and VARIANCE, which need the column's count, sum and sum of squares. */
  public boolean needsMoments() {
    return kind == MeasureKind.SUM || kind == MeasureKind.MEAN || kind == MeasureKind.VARIANCE;
  }

  /** The edges as numbers. */
  public List<BigDecimal> edgeValues() {
    return edges.stream().map(BigDecimal::new).toList();
  }

  @Override
  public String toString() {
    return kind == MeasureKind.COUNT ? "COUNT"
        : kind + "(" + column + (edges.isEmpty() ? "" : ", " + edges) + ")";
  }
}
