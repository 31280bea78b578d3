package org.dirchain.node.privacy;

import java.util.Map;

/**
 * Differential privacy of one node's part in a training job, accounted with zero-concentrated DP
 * (zCDP; Bun &amp; Steinke, TCC 2016). What leaves the node is built from three kinds of release,
 * each the discrete Gaussian mechanism on an integer statistic ({@link DiscreteGaussian}):
 *
 * <ul>
 *   <li>the <b>row count</b> (training rows after the requester's filters), released once per job
 *       and reused wherever a count goes: sensitivity 1;
 *   <li>the <b>moments</b>: 2d centred sums Σ(x−c)/(r/2) and Σ((x−c)/(r/2))² over the clamped
 *       features (r the bounds' range, c their midpoint), each row's term in [−1, 1] and [0, 1],
 *       written in units of 2^-{@value #FRACTION_BITS}: L2 sensitivity √(2d)·2^{@value #FRACTION_BITS};
 *   <li>each <b>gradient step</b>'s sum of per-row gradients clipped to {@code clipNorm}, each row's
 *       gradient written in units of clipNorm·2^-{@value #FRACTION_BITS} with its L2 norm at most
 *       2^{@value #FRACTION_BITS} units (checked exactly): L2 sensitivity 2^{@value #FRACTION_BITS}.
 * </ul>
 *
 * <p>Neighbouring datasets differ in one row added or removed. A replaced row with a public count
 * is not the right notion here: which rows are trained on depends on the requester's filters, so
 * the count itself is private and is what two jobs with filters one row apart would difference.
 *
 * <p>The discrete Gaussian N_Z(0, σ²) on a statistic of L2 sensitivity Δ is Δ²/(2σ²)-zCDP
 * (Canonne, Kamath &amp; Steinke 2020, Theorem 4 and its multivariate form). The job's epsilon,
 * charged on chain against the grant, gives ρ = (√(ln(1/δ) + ε) − √ln(1/δ))²; 5 % of it goes to
 * the count, 10 % to the moments, the other 85 % is split evenly over
 * {@code steps} = rounds × local epochs gradient steps. Composition (adaptive, Bun &amp; Steinke
 * Lemma 2.3) spends at most ρ, which is (ε, δ)-DP (their Proposition 1.3); everything else the node
 * sends is post-processing of these releases. Each variance is rounded up to an exact rational
 * ({@link Variance#atLeast}): the noise drawn is never below what the accounting assumes.
 *
 * @param bounds clamping range per feature (and per LINEAR label), {lower, upper}
 */
public record DpTraining(double epsilon, double delta, double clipNorm, Map<String, double[]> bounds, int steps) {

  /** Fixed-point resolution: one row's bounded contribution to a noised sum spans 2^FRACTION_BITS units. */
  public static final int FRACTION_BITS = 24;
  /** One row's bound in fixed-point units. */
  public static final long ROW_BOUND_UNITS = 1L << FRACTION_BITS;

  static final double COUNT_SHARE = 0.05;
  static final double MOMENTS_SHARE = 0.1;
  static final double STEPS_SHARE = 1 - COUNT_SHARE - MOMENTS_SHARE;

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

  /** The zCDP parameter the (epsilon, delta) budget allows, √ρ = ε/(√(l + ε) + √l) with l = ln(1/δ) (no cancellation). */
  public double rho() {
    double l = Math.log(1 / delta);
    double r = epsilon / (Math.sqrt(l + epsilon) + Math.sqrt(l));
    return r * r;
  }

  /** ρ of one gradient step. */
  public double rhoStep() {
    return STEPS_SHARE * rho() / steps;
  }

  /** Variance, in rows², of the noise on the job's row count (sensitivity 1): 1/(2ρ_count). */
  public Variance countVariance() {
    return Variance.atLeast(1 / (2 * COUNT_SHARE * rho()));
  }

  /** Variance, in moment units², of the noise on each of the 2·{@code features} moment sums: 2d·2^2k/(2ρ_moments). */
  public Variance momentsVariance(int features) {
    double sensitivitySquared = 2.0 * features * ROW_BOUND_UNITS * ROW_BOUND_UNITS;
    return Variance.atLeast(sensitivitySquared / (2 * MOMENTS_SHARE * rho()));
  }

  /** Variance, in gradient units², of the noise on each coordinate of a step's gradient sum: 2^2k/(2ρ_step). */
  public Variance stepVariance() {
    return Variance.atLeast((double) ROW_BOUND_UNITS * ROW_BOUND_UNITS / (2 * rhoStep()));
  }

  /** Standard deviation of a step's noise per coordinate in the gradient's own scale: clipNorm/√(2ρ_step). */
  public double stepNoise() {
    return clipNorm / Math.sqrt(2 * rhoStep());
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
