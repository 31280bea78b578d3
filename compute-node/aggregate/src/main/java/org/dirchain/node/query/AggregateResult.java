package org.dirchain.node.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Final statistics from a (combined) partial aggregate, one {@link GroupResult} per group in spec
 * order. MEAN is {@code sum / n}; VARIANCE is the <em>sample</em> variance
 * {@code (n·Σx² − (Σx)²) / (n(n − 1))}, computed from exact sums and rounded once to 34 significant
 * digits ({@link MathContext#DECIMAL128}).
 */
public record AggregateResult(AggregateQuery query, List<GroupResult> groups) {

  public static final MathContext PRECISION = MathContext.DECIMAL128;

  public AggregateResult {
    groups = List.copyOf(groups);
  }

  /** The single group of an ungrouped query. */
  public GroupResult total() {
    if (query.isGrouped()) {
      throw new IllegalStateException("the query is grouped by " + query.groupBy().column() + "; use group(key)");
    }
    return groups.get(0);
  }

  public GroupResult group(String key) {
    for (GroupResult g : groups) {
      if (Objects.equals(g.key(), key)) {
        return g;
      }
    }
    throw new IllegalArgumentException("no group '" + key + "'");
  }

  static AggregateResult of(PartialAggregate p) {
    AggregateQuery q = p.query();
    List<String> momentColumns = q.momentColumns();
    List<Measure> histograms = q.histograms();
    List<GroupResult> groups = new ArrayList<>(q.groupCount());
    for (int g = 0; g < q.groupCount(); g++) {
      List<MeasureResult> results = new ArrayList<>(q.measures().size());
      for (Measure m : q.measures()) {
        results.add(switch (m.kind()) {
          case COUNT -> new MeasureResult(m, p.rows(g), BigDecimal.valueOf(p.rows(g)), null);
          case HISTOGRAM -> histogram(m, p.buckets(g, histograms.indexOf(m)), p);
          default -> moment(m, p, g, momentColumns.indexOf(m.column()));
        });
      }
      groups.add(new GroupResult(q.isGrouped() ? q.groupBy().keys().get(g) : null, p.rows(g), results));
    }
    return new AggregateResult(q, groups);
  }

  private static MeasureResult moment(Measure m, PartialAggregate p, int g, int column) {
    long n = p.count(g, column);
    BigDecimal sum = p.sum(g, column);
    BigDecimal value = switch (m.kind()) {
      case SUM -> sum;
      case MEAN -> n == 0 ? null : sum.divide(BigDecimal.valueOf(n), PRECISION);
      case VARIANCE -> sampleVariance(n, sum, p.sumOfSquares(g, column));
      default -> throw new IllegalStateException(m.kind().name());
    };
    return new MeasureResult(m, n, value, null);
  }

  /** Exact numerator; clamped at 0 in case fixed-point rounding of foreign data made it negative. */
  static BigDecimal sampleVariance(long n, BigDecimal sum, BigDecimal sumOfSquares) {
    if (n < 2) {
      return null;
    }
    BigDecimal bn = BigDecimal.valueOf(n);
    BigDecimal numerator = bn.multiply(sumOfSquares).subtract(sum.multiply(sum));
    if (numerator.signum() <= 0) {
      return BigDecimal.ZERO;
    }
    return numerator.divide(bn.multiply(BigDecimal.valueOf(n - 1)), PRECISION);
  }

  private static MeasureResult histogram(Measure m, long[] slots, PartialAggregate p) {
    List<Long> buckets = new ArrayList<>(slots.length - 2);
    for (int i = 1; i < slots.length - 1; i++) {
      buckets.add(slots[i]);
    }
    Histogram h = new Histogram(m.column(), m.edgeValues(), slots[0], buckets, slots[slots.length - 1]);
    return new MeasureResult(m, Arrays.stream(slots).sum(), null, h);
  }
}
