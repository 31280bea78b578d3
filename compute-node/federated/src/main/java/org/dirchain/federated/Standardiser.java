package org.dirchain.federated;

import java.util.Arrays;

/**
 * z = (x − mean) / std per feature, with the global mean and std agreed from summed
 * {@link FeatureMoments}. A constant feature (std 0) gets std 1 so it maps to 0 rather than NaN.
 */
public record Standardiser(double[] mean, double[] std) {

  /** Below this a feature is treated as constant (relative to its scale, sums of squares lose digits). */
  private static final double CONSTANT_STD = 1e-12;

  public Standardiser {
    if (mean.length != std.length) {
      throw new IllegalArgumentException("mean and std differ in length: " + mean.length + " vs " + std.length);
    }
    mean = mean.clone();
    std = std.clone();
    for (int i = 0; i < std.length; i++) {
      if (!(std[i] > 0) || Double.isInfinite(std[i])) {
        throw new IllegalArgumentException("std of feature " + i + " must be finite and > 0, got " + std[i]);
      }
    }
  }

  /**
   * @throws IllegalArgumentException if the moments cover no rows
   */
  public static Standardiser from(FeatureMoments combined) {
    if (combined.count() == 0) {
      throw new IllegalArgumentException("no eligible rows on any node: cannot standardise");
    }
    int d = combined.dimension();
    double[] mean = new double[d];
    double[] std = new double[d];
    for (int i = 0; i < d; i++) {
      mean[i] = combined.mean(i);
      double s = combined.std(i);
      std[i] = s <= CONSTANT_STD * Math.max(1, Math.abs(mean[i])) ? 1 : s;
    }
    return new Standardiser(mean, std);
  }

  public int dimension() {
    return mean.length;
  }

  public double[] apply(double[] x) {
    double[] z = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      z[i] = (x[i] - mean[i]) / std[i];
    }
    return z;
  }

  /**
   * The same model expressed on raw (unstandardised) features: β_raw = β / std and
   * b_raw = b − Σ β·mean / std. For reporting and for comparing with known coefficients.
   */
  public Model toRawScale(Model standardised) {
    double[] beta = standardised.coefficients();
    double intercept = standardised.intercept();
    for (int i = 0; i < beta.length; i++) {
      beta[i] = beta[i] / std[i];
      intercept -= beta[i] * mean[i];
    }
    return new Model(beta, intercept);
  }

  @Override
  public double[] mean() {
    return mean.clone();
  }

  @Override
  public double[] std() {
    return std.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Standardiser s && Arrays.equals(s.mean, mean) && Arrays.equals(s.std, std);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
  }

  @Override
  public String toString() {
    return "Standardiser[mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
  }
}
