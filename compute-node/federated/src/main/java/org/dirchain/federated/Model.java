package org.dirchain.federated;

import java.util.Arrays;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealVector;

/**
 * A linear model on standardised features: coefficients and a separate intercept. For LOGISTIC the
 * prediction is σ(β·z + b), for LINEAR β·z + b.
 */
public record Model(double[] coefficients, double intercept) {

  public Model {
    coefficients = coefficients.clone();
    for (double c : coefficients) {
      if (!Double.isFinite(c)) {
        throw new IllegalArgumentException("coefficients must be finite: " + Arrays.toString(coefficients));
      }
    }
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept must be finite, got " + intercept);
    }
  }

  public static Model zeros(int dimension) {
    return new Model(new double[dimension], 0);
  }

  /** The parameters as one vector: coefficients followed by the intercept. */
  public static Model fromParameters(RealVector parameters) {
    int d = parameters.getDimension() - 1;
    return new Model(parameters.getSubVector(0, d).toArray(), parameters.getEntry(d));
  }

  public RealVector parameters() {
    return new ArrayRealVector(coefficients, new double[] {intercept});
  }

  public int dimension() {
    return coefficients.length;
  }

  /** L2 norm of the parameter difference (coefficients and intercept). */
  public double distanceTo(Model other) {
    return parameters().getDistance(other.parameters());
  }

  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Model m && Arrays.equals(m.coefficients, coefficients) && Double.compare(m.intercept, intercept) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(coefficients) + Double.hashCode(intercept);
  }

  @Override
  public String toString() {
    return "Model[coefficients=" + Arrays.toString(coefficients) + ", intercept=" + intercept + "]";
  }
}
