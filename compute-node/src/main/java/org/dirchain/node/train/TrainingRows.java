package org.dirchain.node.train;

import org.dirchain.federated.InvalidTrainingSpecException;
import org.dirchain.federated.ModelKind;
import java.math.BigDecimal;
import java.util.function.Predicate;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.data.RowCursor;
import org.dirchain.node.data.TableSchema;

/**
 * A spec bound to one table: streams the rows that pass the filters as {@code double} features and
 * label, tagged train or hold-out. Rows with a NULL feature or label are skipped (complete cases
 * only). Nothing is buffered: every call is one pass over the table.
 *
 * <p>The split is a pure function of (seed, the row's feature and label values): every epoch and
 * every round sees the same split without storing it, the hold-out never leaks into training, and a
 * row lands on the same side wherever it is held — so the nodes' splits together are exactly the
 * split of the pooled rows (which makes a centralised reference fit comparable), and duplicated rows
 * cannot straddle train and hold-out.
 */
public final class TrainingRows {

  /** Which rows a pass visits. */
  public enum Part { TRAIN, HOLDOUT, ALL }

  /** Receives one row; {@code features} is a fresh array the visitor may keep. */
  @FunctionalInterface
  public interface Visitor {
    void accept(long rowNumber, double[] features, double label);
  }

  private final TrainingSpec spec;
  private final int[] featureColumns;
  private final int labelColumn;
  private final Predicate<RowCursor> filter;

  private TrainingRows(TrainingSpec spec, int[] featureColumns, int labelColumn, Predicate<RowCursor> filter) {
    this.spec = spec;
    this.featureColumns = featureColumns;
    this.labelColumn = labelColumn;
    this.filter = filter;
  }

  /**
   * @throws InvalidTrainingSpecException if the spec does not fit the schema
   */
  public static TrainingRows bind(TrainingSpec spec, TableSchema schema) {
    spec.validateAgainst(schema);
    int[] features = spec.features().stream().mapToInt(schema::indexOf).toArray();
    return new TrainingRows(spec, features, schema.indexOf(spec.label()), RowFilters.bind(spec.filters(), schema));
  }

  /**
   * Streams {@code part} of the table's complete, matching rows to the visitor.
   *
   * @return the number of rows visited
   * @throws InvalidTrainingSpecException for LOGISTIC, at the first matching row whose label is not 0 or 1
   */
  public long forEach(LocalTable table, Part part, Visitor visitor) {
    long visited = 0;
    long rowNumber = 0;
    try (RowCursor row = table.open()) {
      while (row.next()) {
        rowNumber++;
        if (!filter.test(row) || !complete(row)) {
          continue;
        }
        double label = label(row, table, rowNumber);
        double[] x = new double[featureColumns.length];
        for (int i = 0; i < x.length; i++) {
          x[i] = row.number(featureColumns[i]).doubleValue();
        }
        if (part == Part.ALL || (part == Part.HOLDOUT) == isHoldout(x, label)) {
          visitor.accept(rowNumber, x, label);
          visited++;
        }
      }
    }
    return visited;
  }

  private boolean complete(RowCursor row) {
    if (row.isNull(labelColumn)) {
      return false;
    }
    for (int c : featureColumns) {
      if (row.isNull(c)) {
        return false;
      }
    }
    return true;
  }

  private double label(RowCursor row, LocalTable table, long rowNumber) {
    BigDecimal y = row.number(labelColumn);
    if (spec.kind() == ModelKind.LOGISTIC && y.compareTo(BigDecimal.ZERO) != 0 && y.compareTo(BigDecimal.ONE) != 0) {
      throw new InvalidTrainingSpecException("LOGISTIC needs a 0/1 label, but row " + rowNumber + " of table '"
          + table.name() + "' has " + spec.label() + " = " + y.toPlainString());
    }
    return y.doubleValue();
  }

  boolean isHoldout(double[] features, double label) {
    if (spec.holdoutFraction() == 0) {
      return false;
    }
    long h = mix(spec.splitSeed() ^ Double.doubleToLongBits(label + 0.0)); // + 0.0 folds -0.0 into 0.0
    for (double v : features) {
      h = mix(h ^ Double.doubleToLongBits(v + 0.0));
    }
    return (h >>> 11) * 0x1.0p-53 < spec.holdoutFraction(); // uniform double in [0, 1)
  }

  /** SplitMix64: a well-mixed 64-bit hash step. */
  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
