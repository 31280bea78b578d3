package org.dirchain.node.train;

import org.dirchain.federated.Evaluation;
import org.dirchain.federated.FeatureMoments;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.InvalidTrainingSpecException;
import org.dirchain.federated.Model;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.RoundConfig;
import org.dirchain.federated.Standardiser;
import java.util.Objects;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.privacy.DpTraining;
import org.dirchain.node.privacy.TrainingNoise;

/**
 * Local training and evaluation on one node's table. Each epoch is one streaming pass over the
 * training split; a gradient step is taken every {@code batchSize} rows (and on the remainder at the
 * end of the pass), so memory does not grow with the table.
 *
 * <p>Mini-batches follow table order rather than a shuffle: shuffling would need the table in memory
 * (or a second copy). Objective per batch B: mean loss over B + (λ/2)·‖β‖², intercept unpenalised.
 * With full batch and one local epoch, FedAvg weighted by rows is exactly centralised gradient
 * descent, because the weighted mean of the nodes' steps is the step on the pooled mean gradient.
 *
 * <p>Under differential privacy ({@link TrainingNoise}) every statistic that leaves the node is a
 * noisy integer sum over the training rows, and the only row count it uses is the job's released
 * (noisy) count: the moments' count, the FedAvg weight and the divisor of each step's gradient sum.
 */
public final class LocalTrainer {

  private final LocalTable table;
  private final TrainingSpec spec;
  private final Standardiser standardiser;
  private final TrainingRows rows;
  private final DpTraining dp;
  private final TrainingNoise noise;

  /**
   * @throws InvalidTrainingSpecException if the spec does not fit the table's schema
   */
  public LocalTrainer(LocalTable table, TrainingSpec spec, Standardiser standardiser) {
    this(table, spec, standardiser, null);
  }

  /**
   * Trains with differential privacy when {@code noise} is not null (full batch only): features and
   * a LINEAR label are clamped to their bounds, per-row gradients clipped, each step's sum noised.
   */
  public LocalTrainer(LocalTable table, TrainingSpec spec, Standardiser standardiser, TrainingNoise noise) {
    this.table = Objects.requireNonNull(table, "table");
    this.spec = Objects.requireNonNull(spec, "spec");
    this.standardiser = Objects.requireNonNull(standardiser, "standardiser");
    if (standardiser.dimension() != spec.dimension()) {
      throw new IllegalArgumentException("standardiser has " + standardiser.dimension() + " features, spec " + spec.dimension());
    }
    this.rows = TrainingRows.bind(spec, table.schema());
    if (noise != null && spec.batchSize() != TrainingSpec.FULL_BATCH) {
      throw new InvalidTrainingSpecException("differentially private training runs full batch (batch size 0)");
    }
    this.dp = noise == null ? null : noise.dp();
    this.noise = noise;
  }

  /**
   * Per-feature moments over the table's eligible rows (train and hold-out).
   *
   * @throws InvalidTrainingSpecException if the spec does not fit the table or its labels
   */
  public static FeatureMoments moments(LocalTable table, TrainingSpec spec) {
    TrainingRows rows = TrainingRows.bind(spec, table.schema());
    int d = spec.dimension();
    double[] s = new double[d];
    double[] ss = new double[d];
    long n = rows.forEach(table, TrainingRows.Part.ALL, (row, x, y) -> {
      for (int i = 0; i < d; i++) {
        s[i] += x[i];
        ss[i] += x[i] * x[i];
      }
    });
    return new FeatureMoments(n, s, ss);
  }

  /**
   * As {@link #moments(LocalTable, TrainingSpec)}; with {@code noise}, over the training rows only
   * (the hold-out is never released under DP, so the job has one row count) on clamped values: each
   * row's term (x−c)/h and ((x−c)/h)², with c the bounds' midpoint and h half their range, is in
   * [−1, 1] and [0, 1]; their integer sums get discrete Gaussian noise, and the count is the job's
   * released count.
   */
  public static FeatureMoments moments(LocalTable table, TrainingSpec spec, TrainingNoise noise) {
    if (noise == null) {
      return moments(table, spec);
    }
    DpTraining dp = noise.dp();
    TrainingRows rows = TrainingRows.bind(spec, table.schema());
    int d = spec.dimension();
    double[] centre = new double[d];
    double[] half = new double[d];
    for (int i = 0; i < d; i++) {
      centre[i] = dp.centre(spec.features().get(i));
      half[i] = dp.range(spec.features().get(i)) / 2;
    }
    long[] s = new long[d];
    long[] ss = new long[d];
    long n = rows.forEach(table, TrainingRows.Part.TRAIN, (row, x, y) -> {
      for (int i = 0; i < d; i++) {
        double t = (dp.clamp(spec.features().get(i), x[i]) - centre[i]) / half[i];
        s[i] = Math.addExact(s[i], TrainingNoise.unitTerm(t));
        ss[i] = Math.addExact(ss[i], TrainingNoise.unitTerm(t * t));
      }
    });
    long released = noise.releasedCount(n);
    double[] sum = new double[d];
    double[] sumOfSquares = new double[d];
    for (int i = 0; i < d; i++) {
      double centred = noise.noisyMomentSum(s[i], d) * half[i];
      double centredSquares = noise.noisyMomentSum(ss[i], d) * half[i] * half[i];
      // Back to raw sums with the released count (post-processing: the mean is then c + Σ(x−c)/ñ).
      sumOfSquares[i] = centredSquares + 2 * centre[i] * centred + released * centre[i] * centre[i];
      sum[i] = centred + released * centre[i];
    }
    return new FeatureMoments(released, sum, sumOfSquares);
  }

  /** Runs the round's local epochs starting from the global model. */
  public LocalUpdate fit(RoundConfig config, Model global) {
    if (global.dimension() != spec.dimension()) {
      throw new IllegalArgumentException("global model has " + global.dimension() + " coefficients, spec " + spec.dimension());
    }
    Epoch epoch = null;
    RealVector beta = new ArrayRealVector(global.coefficients());
    double intercept = global.intercept();
    for (int e = 0; e < config.localEpochs(); e++) {
      epoch = new Epoch(config, beta, intercept);
      rows.forEach(table, TrainingRows.Part.TRAIN, epoch);
      epoch.step();
      beta = epoch.beta;
      intercept = epoch.intercept;
    }
    if (noise != null) {
      // Under DP the training loss is not released (it would spend budget) and the weight is the released count.
      return new LocalUpdate(new Model(beta.toArray(), intercept), noise.releasedCount(epoch.rows), 0);
    }
    return new LocalUpdate(new Model(beta.toArray(), intercept), epoch.rows, epoch.lossSum / epoch.rows);
  }

  /** Evaluates the model on this node's hold-out rows; never under differential privacy (it would spend budget). */
  public Evaluation evaluate(Model model) {
    if (noise != null) {
      throw new IllegalStateException("hold-out evaluation is not released under differential privacy");
    }
    RealVector beta = new ArrayRealVector(model.coefficients());
    double b = model.intercept();
    boolean logistic = spec.kind() == ModelKind.LOGISTIC;
    int buckets = logistic ? Evaluation.AUC_BUCKETS : 0;
    long[] positives = new long[buckets];
    long[] negatives = new long[buckets];
    long[] counts = new long[2]; // rows, correct
    double[] lossSum = new double[1];
    rows.forEach(table, TrainingRows.Part.HOLDOUT, (row, x, y) -> {
      double margin = beta.dotProduct(new ArrayRealVector(standardiser.apply(x), false)) + b;
      counts[0]++;
      if (logistic) {
        double p = sigmoid(margin);
        lossSum[0] += logLoss(margin, y);
        if ((p >= 0.5) == (y == 1)) {
          counts[1]++;
        }
        (y == 1 ? positives : negatives)[Evaluation.bucket(p)]++;
      } else {
        lossSum[0] += (margin - y) * (margin - y);
      }
    });
    return new Evaluation(spec.kind(), counts[0], lossSum[0], counts[1], positives, negatives);
  }

  /** One pass: accumulates the batch gradient row by row and steps when the batch is full. */
  private final class Epoch implements TrainingRows.Visitor {
    private final RoundConfig config;
    private RealVector beta;
    private double intercept;
    private RealVector gradient;
    private double interceptGradient;
    private final long[] gradientUnits; // under DP: the step's clipped gradient sum, in fixed point
    private int inBatch;
    long rows;
    double lossSum;

    Epoch(RoundConfig config, RealVector beta, double intercept) {
      this.config = config;
      this.beta = beta;
      this.intercept = intercept;
      this.gradient = new ArrayRealVector(beta.getDimension());
      this.gradientUnits = dp == null ? null : new long[beta.getDimension() + 1];
    }

    @Override
    public void accept(long rowNumber, double[] features, double y) {
      if (dp != null) {
        for (int i = 0; i < features.length; i++) {
          features[i] = dp.clamp(spec.features().get(i), features[i]);
        }
        y = dp.clamp(spec.label(), y);
      }
      RealVector z = new ArrayRealVector(standardiser.apply(features), false);
      double margin = beta.dotProduct(z) + intercept;
      double residual;
      if (spec.kind() == ModelKind.LOGISTIC) {
        residual = sigmoid(margin) - y;
        lossSum += logLoss(margin, y);
      } else {
        residual = margin - y;
        lossSum += residual * residual;
      }
      // d/dβ of both losses (log-loss; half squared error) is residual·z.
      if (dp != null) {
        // DP-SGD: the row's whole gradient (coefficients and intercept) clipped to the clip norm,
        // then summed in fixed point (the noise is added to the integer sum).
        double norm = Math.abs(residual) * Math.sqrt(z.dotProduct(z) + 1);
        residual *= Math.min(1, dp.clipNorm() / Math.max(norm, Double.MIN_NORMAL));
        double[] g = new double[gradientUnits.length];
        for (int i = 0; i < z.getDimension(); i++) {
          g[i] = residual * z.getEntry(i);
        }
        g[g.length - 1] = residual;
        long[] units = noise.gradientUnits(g);
        for (int i = 0; i < units.length; i++) {
          gradientUnits[i] = Math.addExact(gradientUnits[i], units[i]);
        }
      } else {
        gradient.combineToSelf(1, residual, z);
        interceptGradient += residual;
      }
      rows++;
      if (++inBatch == config.batchSize()) {
        step();
      }
    }

    /**
     * β ← β − η (g/|B| + λβ); b ← b − η g_b/|B|. No-op on an empty batch, except under DP: there g
     * is the noisy sum, |B| the job's released count (at least 1), and an empty table steps too, so
     * that whether the node has rows does not show in whether its model moved.
     */
    void step() {
      if (inBatch == 0 && dp == null) {
        return;
      }
      double divisor = inBatch;
      if (dp != null) {
        double[] noisy = noise.noisyGradientSum(gradientUnits);
        gradient = new ArrayRealVector(noisy, 0, gradient.getDimension());
        interceptGradient = noisy[noisy.length - 1];
        divisor = Math.max(1, noise.releasedCount(inBatch));
        java.util.Arrays.fill(gradientUnits, 0);
      }
      RealVector meanGradient = gradient.mapDivide(divisor).combineToSelf(1, config.l2(), beta);
      beta = beta.combine(1, -config.learningRate(), meanGradient);
      intercept -= config.learningRate() * interceptGradient / divisor;
      gradient.set(0);
      interceptGradient = 0;
      inBatch = 0;
    }
  }

  static double sigmoid(double margin) {
    return margin >= 0 ? 1 / (1 + Math.exp(-margin)) : Math.exp(margin) / (1 + Math.exp(margin));
  }

  /** −[y log p + (1−y) log(1−p)] with p = σ(m), as log(1 + e^m) − y·m computed without overflow. */
  static double logLoss(double margin, double y) {
    double softplus = margin > 0 ? margin + Math.log1p(Math.exp(-margin)) : Math.log1p(Math.exp(margin));
    return softplus - y * margin;
  }
}
