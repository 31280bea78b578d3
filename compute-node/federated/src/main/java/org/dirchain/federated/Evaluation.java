package org.dirchain.federated;

import java.util.Arrays;

/**
 * Evaluation of a model on hold-out rows, as additive counts so that nodes' evaluations are summed
 * ({@link #plus}) into the global one without pooling rows or predictions.
 *
 * <p>For LOGISTIC, {@code lossSum} is the summed log-loss, {@code correct} the rows classified right at
 * threshold 0.5, and {@code positives[k]} / {@code negatives[k]} count rows with label 1 / 0 whose
 * predicted probability falls in bucket k = ⌊100·p⌋ (p = 1 goes to the last bucket). The AUC is then
 * computed from the summed histograms: pairs in different buckets are ordered exactly, pairs in the
 * same bucket count one half, so the error is bounded by the share of positive–negative pairs that
 * share a bucket. For LINEAR, {@code lossSum} is the sum of squared errors and the arrays are empty.
 */
public record Evaluation(ModelKind kind, long count, double lossSum, long correct, long[] positives, long[] negatives) {

  public static final int AUC_BUCKETS = 100;

  public Evaluation {
    if (count < 0 || correct < 0 || correct > count) {
      throw new IllegalArgumentException("invalid counts: " + correct + " correct of " + count);
    }
    int buckets = kind == ModelKind.LOGISTIC ? AUC_BUCKETS : 0;
    if (positives.length != buckets || negatives.length != buckets) {
      throw new IllegalArgumentException(kind + " evaluation needs " + buckets + " histogram buckets");
    }
    positives = positives.clone();
    negatives = negatives.clone();
  }

  public static Evaluation empty(ModelKind kind) {
    int buckets = kind == ModelKind.LOGISTIC ? AUC_BUCKETS : 0;
    return new Evaluation(kind, 0, 0, 0, new long[buckets], new long[buckets]);
  }

  /** The histogram bucket of a predicted probability. */
  public static int bucket(double probability) {
    return Math.min(AUC_BUCKETS - 1, Math.max(0, (int) (probability * AUC_BUCKETS)));
  }

  /** The EVALUATE stage vector: {@code [count, lossSum, correct, positives…, negatives…]}. */
  public double[] toVector() {
    double[] v = new double[vectorLength(kind)];
    v[0] = count;
    v[1] = lossSum;
    v[2] = correct;
    for (int k = 0; k < positives.length; k++) {
      v[3 + k] = positives[k];
      v[3 + positives.length + k] = negatives[k];
    }
    return v;
  }

  public static int vectorLength(ModelKind kind) {
    return 3 + 2 * (kind == ModelKind.LOGISTIC ? AUC_BUCKETS : 0);
  }

  /** Reads a (summed) EVALUATE vector; counts are rounded back to integers. */
  public static Evaluation fromVector(ModelKind kind, double[] v) {
    if (v.length != vectorLength(kind)) {
      throw new IllegalArgumentException("a " + kind + " EVALUATE vector has " + vectorLength(kind) + " values, got " + v.length);
    }
    int buckets = (v.length - 3) / 2;
    long[] p = new long[buckets];
    long[] n = new long[buckets];
    for (int k = 0; k < buckets; k++) {
      p[k] = Math.round(v[3 + k]);
      n[k] = Math.round(v[3 + buckets + k]);
    }
    return new Evaluation(kind, Math.round(v[0]), v[1], Math.round(v[2]), p, n);
  }

  public Evaluation plus(Evaluation other) {
    if (other.kind != kind) {
      throw new IllegalArgumentException("cannot add a " + other.kind + " evaluation to a " + kind + " one");
    }
    long[] p = positives.clone();
    long[] n = negatives.clone();
    for (int i = 0; i < p.length; i++) {
      p[i] += other.positives[i];
      n[i] += other.negatives[i];
    }
    return new Evaluation(kind, count + other.count, lossSum + other.lossSum, correct + other.correct, p, n);
  }

  /** Share of rows classified right (LOGISTIC); NaN with no rows. */
  public double accuracy() {
    requireKind(ModelKind.LOGISTIC);
    return (double) correct / count;
  }

  /** Mean log-loss (LOGISTIC); NaN with no rows. */
  public double logLoss() {
    requireKind(ModelKind.LOGISTIC);
    return lossSum / count;
  }

  /** Root mean squared error (LINEAR); NaN with no rows. */
  public double rmse() {
    requireKind(ModelKind.LINEAR);
    return Math.sqrt(lossSum / count);
  }

  /** Mean loss of either kind (log-loss or squared error). */
  public double meanLoss() {
    return lossSum / count;
  }

  /** Area under the ROC curve from the histograms (LOGISTIC); NaN without both classes. */
  public double auc() {
    requireKind(ModelKind.LOGISTIC);
    double pairs = 0;
    double below = 0; // negatives in lower buckets than the current one
    double totalPositives = 0;
    for (int k = 0; k < AUC_BUCKETS; k++) {
      pairs += positives[k] * (below + 0.5 * negatives[k]);
      below += negatives[k];
      totalPositives += positives[k];
    }
    return totalPositives == 0 || below == 0 ? Double.NaN : pairs / (totalPositives * below);
  }

  private void requireKind(ModelKind expected) {
    if (kind != expected) {
      throw new IllegalStateException("this metric is for " + expected + " models; the evaluation is " + kind);
    }
  }

  @Override
  public long[] positives() {
    return positives.clone();
  }

  @Override
  public long[] negatives() {
    return negatives.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Evaluation e && e.kind == kind && e.count == count && Double.compare(e.lossSum, lossSum) == 0
        && e.correct == correct && Arrays.equals(e.positives, positives) && Arrays.equals(e.negatives, negatives);
  }

  @Override
  public int hashCode() {
    return (((kind.hashCode() * 31 + Long.hashCode(count)) * 31 + Double.hashCode(lossSum)) * 31 + Long.hashCode(correct)) * 31
        + Arrays.hashCode(positives) * 17 + Arrays.hashCode(negatives);
  }

  @Override
  public String toString() {
    return kind == ModelKind.LOGISTIC
        ? String.format("Evaluation[LOGISTIC n=%d accuracy=%.4f logLoss=%.4f auc=%.4f]", count, accuracy(), logLoss(), auc())
        : String.format("Evaluation[LINEAR n=%d rmse=%.4f]", count, rmse());
  }
}
