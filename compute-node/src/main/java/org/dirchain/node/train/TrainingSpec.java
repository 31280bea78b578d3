package org.dirchain.node.train;

import org.dirchain.federated.InvalidTrainingSpecException;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.TrainingPlan;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.dirchain.node.data.ColumnType;
import org.dirchain.node.data.TableSchema;
import org.dirchain.node.query.Filter;

/**
 * What to train, on which columns, and how. The same spec is sent to every node; everything here is
 * checked before any node reads a row, and {@link #validateAgainst(TableSchema)} checks it against a
 * node's table (the LOGISTIC label's 0/1 values are checked while streaming, see {@link TrainingRows}).
 *
 * @param kind LOGISTIC (binary classification) or LINEAR (regression)
 * @param features numeric feature columns, in coefficient order
 * @param label numeric label column (0/1 for LOGISTIC)
 * @param filters row filters, ANDed (may be empty)
 * @param l2 L2 penalty λ on the coefficients (not the intercept), {@code >= 0}
 * @param rounds maximum number of federated rounds, {@code >= 1}
 * @param localEpochs passes over the node's training rows per round, {@code >= 1}
 * @param learningRate step size, {@code > 0}
 * @param batchSize rows per gradient step, or {@link #FULL_BATCH} for one step per epoch
 * @param tolerance stop when the L2 norm of a round's parameter change is below this; 0 never stops early
 * @param holdoutFraction share of each node's rows held out for evaluation, in [0, 0.5]
 * @param splitSeed seed of the deterministic per-row train / hold-out split
 */
public record TrainingSpec(
    ModelKind kind,
    List<String> features,
    String label,
    List<Filter> filters,
    double l2,
    int rounds,
    int localEpochs,
    double learningRate,
    int batchSize,
    double tolerance,
    double holdoutFraction,
    long splitSeed) {

  /** {@link #batchSize} value meaning one gradient step over all of a node's training rows. */
  public static final int FULL_BATCH = 0;

  public TrainingSpec {
    if (kind == null) {
      throw new InvalidTrainingSpecException("model kind is missing (LOGISTIC or LINEAR)");
    }
    if (features == null || features.isEmpty()) {
      throw new InvalidTrainingSpecException("at least one feature column is required");
    }
    if (features.stream().anyMatch(Objects::isNull)) {
      throw new InvalidTrainingSpecException("feature column names must not be null");
    }
    features = List.copyOf(features);
    if (new HashSet<>(features).size() != features.size()) {
      throw new InvalidTrainingSpecException("feature columns " + features + " list a column twice");
    }
    if (label == null) {
      throw new InvalidTrainingSpecException("label column is missing");
    }
    if (features.contains(label)) {
      throw new InvalidTrainingSpecException("label column '" + label + "' is also listed as a feature");
    }
    filters = filters == null ? List.of() : List.copyOf(filters);
    if (!(l2 >= 0) || Double.isInfinite(l2)) {
      throw new InvalidTrainingSpecException("L2 penalty must be a finite number >= 0, got " + l2);
    }
    if (rounds < 1) {
      throw new InvalidTrainingSpecException("rounds must be >= 1, got " + rounds);
    }
    if (localEpochs < 1) {
      throw new InvalidTrainingSpecException("local epochs must be >= 1, got " + localEpochs);
    }
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new InvalidTrainingSpecException("learning rate must be a finite number > 0, got " + learningRate);
    }
    if (batchSize < 0) {
      throw new InvalidTrainingSpecException("batch size must be >= 1, or " + FULL_BATCH + " for full batch, got " + batchSize);
    }
    if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
      throw new InvalidTrainingSpecException("convergence tolerance must be a finite number >= 0, got " + tolerance);
    }
    if (!(holdoutFraction >= 0 && holdoutFraction <= 0.5)) {
      throw new InvalidTrainingSpecException("hold-out fraction must be in [0, 0.5], got " + holdoutFraction);
    }
  }

  /** What the round loop needs, with the job's quorum as the minimum of clients per round. */
  public TrainingPlan plan(int minClients) {
    return new TrainingPlan(kind, dimension(), rounds, tolerance, minClients, localEpochs, learningRate, batchSize, l2);
  }

  /** Number of coefficients (the intercept is separate). */
  public int dimension() {
    return features.size();
  }

  /**
   * Checks that every column exists and is numeric, and that the filters fit the table.
   *
   * @throws InvalidTrainingSpecException naming the column and the problem
   */
  public void validateAgainst(TableSchema schema) {
    for (String f : features) {
      requireNumeric(schema, f, "feature");
    }
    requireNumeric(schema, label, "label");
    RowFilters.bind(filters, schema); // throws InvalidTrainingSpecException on a misfit
  }

  private static void requireNumeric(TableSchema schema, String column, String role) {
    if (!schema.contains(column)) {
      throw new InvalidTrainingSpecException(role + " column '" + column + "' is not in the table; available columns: "
          + String.join(", ", schema.names()));
    }
    ColumnType type = schema.column(column).type();
    if (!type.isNumeric()) {
      throw new InvalidTrainingSpecException(role + " column '" + column + "' is " + type + "; training needs a numeric column");
    }
  }
}
