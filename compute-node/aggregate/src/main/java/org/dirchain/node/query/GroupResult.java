package org.dirchain.node.query;

import java.math.BigDecimal;
import java.util.List;

/** The measures of one group, in query order; {@code key} is null when the query is not grouped. */
public record GroupResult(String key, long rows, List<MeasureResult> measures) {

  public GroupResult {
    measures = List.copyOf(measures);
  }

  public MeasureResult get(Measure measure) {
    for (MeasureResult r : measures) {
      if (r.measure().equals(measure)) {
        return r;
      }
    }
    throw new IllegalArgumentException("the query has no measure " + measure);
  }

  /** The value of a COUNT, SUM, MEAN or VARIANCE measure (null if undefined). */
  public BigDecimal value(Measure measure) {
    return get(measure).value();
  }

  public Histogram histogram(Measure measure) {
    return get(measure).histogram();
  }
}
