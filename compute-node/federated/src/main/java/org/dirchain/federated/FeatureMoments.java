package org.dirchain.federated;

import java.util.Arrays;

/**
 * Per-feature count, sum and sum of squares over one node's eligible rows. These are additive, so the
 * nodes' moments summed ({@link #plus}) give the global mean and standard deviation without pooling
 * rows. All eligible rows (train and hold-out) are counted: scaling is an agreed preprocessing step,
 * and this keeps it independent of the split.
 */
public record FeatureMoments(long count, double[] sum, double[] sumOfSquares) {

  public FeatureMoments {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, got " + count);
    }
    if (sum.length != sumOfSquares.length) {
      throw new IllegalArgumentException("sum and sum of squares differ in length: " + sum.length + " vs " + sumOfSquares.length);
    }
    sum = sum.clone();
    sumOfSquares = sumOfSquares.clone();
  }

  public static FeatureMoments empty(int dimension) {
    return new FeatureMoments(0, new double[dimension], new double[dimension]);
  }

  /** The MOMENTS stage vector: {@code [count, sum_1 … sum_d, sumOfSquares_1 … sumOfSquares_d]}. */
  public double[] toVector() {
    double[] v = new double[1 + 2 * sum.length];
    v[0] = count;
    System.arraycopy(sum, 0, v, 1, sum.length);
    System.arraycopy(sumOfSquares, 0, v, 1 + sum.length, sum.length);
    return v;
  }

  /** Reads a (summed) MOMENTS vector; the count is rounded, fixed-point sums carry no fraction for it. */
  public static FeatureMoments fromVector(double[] v, int dimension) {
    if (v.length != 1 + 2 * dimension) {
      throw new IllegalArgumentException("a MOMENTS vector for " + dimension + " features has " + (1 + 2 * dimension)
          + " values, got " + v.length);
    }
    double[] s = new double[dimension];
    double[] ss = new double[dimension];
    System.arraycopy(v, 1, s, 0, dimension);
    System.arraycopy(v, 1 + dimension, ss, 0, dimension);
    return new FeatureMoments(Math.round(v[0]), s, ss);
  }

  public int dimension() {
    return sum.length;
  }

  public FeatureMoments plus(FeatureMoments other) {
    if (other.dimension() != dimension()) {
      throw new IllegalArgumentException("cannot add moments of " + other.dimension() + " features to " + dimension());
    }
    double[] s = sum.clone();
    double[] ss = sumOfSquares.clone();
    for (int i = 0; i < s.length; i++) {
      s[i] += other.sum[i];
      ss[i] += other.sumOfSquares[i];
    }
    return new FeatureMoments(count + other.count, s, ss);
  }

  public double mean(int feature) {
    return sum[feature] / count;
  }

  /** Population standard deviation (divides by n). */
  public double std(int feature) {
    double m = mean(feature);
    // E[x²] − m² can come out slightly negative by rounding for a constant feature.
    return Math.sqrt(Math.max(0, sumOfSquares[feature] / count - m * m));
  }

  @Override
  public double[] sum() {
    return sum.clone();
  }

  @Override
  public double[] sumOfSquares() {
    return sumOfSquares.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureMoments m && m.count == count && Arrays.equals(m.sum, sum) && Arrays.equals(m.sumOfSquares, sumOfSquares);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(count) + Arrays.hashCode(sum)) + Arrays.hashCode(sumOfSquares);
  }

  @Override
  public String toString() {
    return "FeatureMoments[count=" + count + ", sum=" + Arrays.toString(sum) + ", sumOfSquares=" + Arrays.toString(sumOfSquares) + "]";
  }
}
