package org.dirchain.node.query;

import java.math.BigDecimal;

/**
 * The final value of one measure in one group. {@code values} is the number of non-null values the
 * measure used (the row count for COUNT). {@code value} is the COUNT, SUM, MEAN or sample VARIANCE,
 * or null when undefined (MEAN of no values, VARIANCE of fewer than two); {@code histogram} is set
 * for HISTOGRAM only. Values are normalised (no trailing zeros, never a negative scale), so results
 * compare equal whether they were finished from exact partials or from fixed-point vectors.
 */
public record MeasureResult(Measure measure, long values, BigDecimal value, Histogram histogram) {

  public MeasureResult {
    if (value != null) {
      value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
      if (value.scale() < 0) {
        value = value.setScale(0);
      }
    }
  }
}
