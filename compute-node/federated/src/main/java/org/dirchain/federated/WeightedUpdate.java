package org.dirchain.federated;

import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;

/**
 * A FIT stage vector: rows, rows × parameters and rows × training loss. Summed over nodes it gives
 * FedAvg's row-weighted mean model and mean loss, so a node's own model never has to leave it alone.
 * Layout: {@code [rows, rows·β_1 … rows·β_d, rows·b, rows·loss]}.
 */
public record WeightedUpdate(double rows, double[] weightedParameters, double weightedLoss) {

  public WeightedUpdate {
    weightedParameters = weightedParameters.clone();
  }

  /** One node's update; a node without training rows contributes zeros. */
  public static WeightedUpdate of(Model model, long rowsUsed, double trainingLoss) {
    if (rowsUsed == 0) {
      return new WeightedUpdate(0, new double[model.dimension() + 1], 0);
    }
    RealVector p = model.parameters().mapMultiply(rowsUsed);
    return new WeightedUpdate(rowsUsed, p.toArray(), rowsUsed * trainingLoss);
  }

  public static int vectorLength(int dimension) {
    return dimension + 3;
  }

  public double[] toVector() {
    double[] v = new double[weightedParameters.length + 2];
    v[0] = rows;
    System.arraycopy(weightedParameters, 0, v, 1, weightedParameters.length);
    v[v.length - 1] = weightedLoss;
    return v;
  }

  public static WeightedUpdate fromVector(double[] v, int dimension) {
    if (v.length != vectorLength(dimension)) {
      throw new IllegalArgumentException("a FIT vector for " + dimension + " features has " + vectorLength(dimension)
          + " values, got " + v.length);
    }
    double[] p = new double[dimension + 1];
    System.arraycopy(v, 1, p, 0, p.length);
    return new WeightedUpdate(v[0], p, v[v.length - 1]);
  }

  /** The row-weighted mean model. */
  public Model meanModel() {
    if (!(rows > 0)) {
      throw new IllegalStateException("no training rows in the sum: no mean model");
    }
    return Model.fromParameters(new ArrayRealVector(weightedParameters, false).mapDivide(rows));
  }

  /** Row-weighted mean training loss; NaN without rows. */
  public double meanLoss() {
    return rows > 0 ? weightedLoss / rows : Double.NaN;
  }

  @Override
  public double[] weightedParameters() {
    return weightedParameters.clone();
  }
}
