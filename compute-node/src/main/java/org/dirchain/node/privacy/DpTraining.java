package org.dirchain.node.privacy;

import java.util.Map;

/**
 * Differential privacy of one node's part in a training job: full-batch DP gradient descent
 * (per-row gradients clipped to {@code clipNorm}, Gaussian noise on each step's sum) and Gaussian
 * noise on the setup moments, accounted with zero-concentrated DP (Bun &amp; Steinke 2016).
 *
 * <p>Neighbouring datasets differ in one row replaced (a node's row count is public: it is its
 * attested weight), so a clipped gradient sum moves by at most 2·clipNorm. The job's epsilon,
 * charged on chain against the grant, gives ρ = (√(ln(1/δ) + ε) − √ln(1/δ))²; a tenth goes to the
 * moments, the rest is split evenly over {@code steps} = rounds × local epochs gradient steps.
 * Every step is a Gaussian mechanism, so the steps compose to ρ and the whole to (ε, δ).
 *
 * @param bounds clamping range per feature (and per LINEAR label), {lower, upper}
 */
public record DpTraining(double epsilon, double delta, double clipNorm, Map<String, double[]> bounds, int steps) {

  static final double MOMENTS_SHARE = 0.1;

  public DpTraining {
    if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
    }
    if (!(delta > 0 && delta <= 1e-3)) {
      throw new IllegalArgumentException("delta must be in (0, 1e-3], got " + delta);
    }
    if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
      throw new IllegalArgumentException("the gradient clip norm must be > 0, got " + clipNorm);
    }
    if (steps < 1) {
      throw new IllegalArgumentException("steps must be >= 1, got " + steps);
    }
    bounds.forEach((column, b) -> {
      if (b.length != 2 || !(b[0] < b[1]) || !Double.isFinite(b[0]) || !Double.isFinite(b[1])) {
        throw new IllegalArgumentException("bounds of '" + column + "' must be finite with lower < upper");
      }
    });
    bounds = Map.copyOf(bounds);
  }

  /** The zCDP parameter the (epsilon, delta) budget allows. */
  public double rho() {
    double l = Math.log(1 / delta);
    double r = Math.sqrt(l + epsilon) - Math.sqrt(l);
    return r * r;
  }

  /** Standard deviation of the noise added to each coordinate of a step's clipped gradient sum. */
  public double stepNoise() {
    double rhoStep = (1 - MOMENTS_SHARE) * rho() / steps;
    return 2 * clipNorm / Math.sqrt(2 * rhoStep);
  }

  /**
   * Standard deviation of the noise on one of {@code coordinates} moment sums whose own sensitivity
   * (under a replaced row) is {@code sensitivity}. Each sum is noised in proportion to its own
   * sensitivity, so the scaled vector has L2 sensitivity √coordinates and the whole is one Gaussian
   * mechanism spending the moments' share of ρ.
   */
  public double momentsNoise(double sensitivity, int coordinates) {
    return sensitivity * Math.sqrt(coordinates) / Math.sqrt(2 * MOMENTS_SHARE * rho());
  }

  /** The midpoint of a column's bounds: moments are taken around it, which keeps their sensitivity small. */
  public double centre(String column) {
    double[] b = bounds.get(column);
    return (b[0] + b[1]) / 2;
  }

  /** Width of a column's bounds. */
  public double range(String column) {
    double[] b = bounds.get(column);
    return b[1] - b[0];
  }

  /** x clamped into the column's bounds. */
  public double clamp(String column, double x) {
    double[] b = bounds.get(column);
    return b == null ? x : Math.min(b[1], Math.max(b[0], x));
  }
}
