package org.dirchain.node.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dirchain.node.data.TableSchema;

/**
 * The straightforward computation tests compare the engine with: filters evaluated row by row
 * with plain Java comparisons, means and variances in two passes at 50 digits.
 */
final class ReferenceAggregates {

  static final MathContext MC = new MathContext(50);

  private ReferenceAggregates() {}

  static boolean matches(Filter f, Object cell) {
    if (cell == null) {
      return false;
    }
    if (cell instanceof String s) {
      return switch (f.op()) {
        case EQ -> s.equals(f.values().get(0));
        case NE -> !s.equals(f.values().get(0));
        case IN -> f.values().contains(s);
        default -> throw new AssertionError(f);
      };
    }
    BigDecimal x = cell instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) cell;
    BigDecimal a = new BigDecimal(f.values().get(0));
    return switch (f.op()) {
      case EQ -> x.compareTo(a) == 0;
      case NE -> x.compareTo(a) != 0;
      case LT -> x.compareTo(a) < 0;
      case LE -> x.compareTo(a) <= 0;
      case GT -> x.compareTo(a) > 0;
      case GE -> x.compareTo(a) >= 0;
      case BETWEEN -> x.compareTo(a) >= 0 && x.compareTo(new BigDecimal(f.values().get(1))) <= 0;
      default -> throw new AssertionError(f);
    };
  }

  /** Rows of the given group (null key = ungrouped) that pass every filter. */
  static List<Object[]> select(TableSchema schema, List<Object[]> rows, AggregateQuery q, String groupKey) {
    List<Object[]> out = new ArrayList<>();
    for (Object[] row : rows) {
      boolean ok = true;
      for (Filter f : q.filters()) {
        ok &= matches(f, row[schema.indexOf(f.column())]);
      }
      if (ok && q.groupBy() != null) {
        ok = Objects.equals(row[schema.indexOf(q.groupBy().column())], groupKey);
      }
      if (ok) {
        out.add(row);
      }
    }
    return out;
  }

  static List<BigDecimal> values(TableSchema schema, List<Object[]> rows, String column) {
    int c = schema.indexOf(column);
    List<BigDecimal> out = new ArrayList<>();
    for (Object[] row : rows) {
      if (row[c] != null) {
        out.add(row[c] instanceof Long l ? BigDecimal.valueOf(l) : (BigDecimal) row[c]);
      }
    }
    return out;
  }

  static BigDecimal sum(List<BigDecimal> xs) {
    BigDecimal s = BigDecimal.ZERO;
    for (BigDecimal x : xs) {
      s = s.add(x);
    }
    return s;
  }

  static BigDecimal mean(List<BigDecimal> xs) {
    return xs.isEmpty() ? null : sum(xs).divide(BigDecimal.valueOf(xs.size()), MC);
  }

  /** Two-pass sample variance: Σ(x − mean)² / (n − 1). */
  static BigDecimal sampleVariance(List<BigDecimal> xs) {
    if (xs.size() < 2) {
      return null;
    }
    BigDecimal mean = mean(xs);
    BigDecimal ss = BigDecimal.ZERO;
    for (BigDecimal x : xs) {
      BigDecimal d = x.subtract(mean);
      ss = ss.add(d.multiply(d));
    }
    return ss.divide(BigDecimal.valueOf(xs.size() - 1), MC);
  }

  /** [underflow, buckets..., overflow] by linear scan. */
  static long[] histogram(List<BigDecimal> xs, List<String> edgeText) {
    List<BigDecimal> edges = edgeText.stream().map(BigDecimal::new).toList();
    long[] h = new long[edges.size() + 1];
    for (BigDecimal x : xs) {
      int slot = 0;
      while (slot < edges.size() && x.compareTo(edges.get(slot)) >= 0) {
        slot++;
      }
      h[slot]++;
    }
    return h;
  }
}
