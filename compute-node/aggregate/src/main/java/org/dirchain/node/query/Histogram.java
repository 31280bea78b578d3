package org.dirchain.node.query;

import java.math.BigDecimal;
import java.util.List;

/**
 * Bucket counts: {@code buckets.get(i)} counts values in {@code [edges[i], edges[i+1])};
 * {@code underflow} those below the first edge, {@code overflow} those at or above the last.
 */
public record Histogram(String column, List<BigDecimal> edges, long underflow, List<Long> buckets, long overflow) {

  public Histogram {
    edges = List.copyOf(edges);
    buckets = List.copyOf(buckets);
    if (buckets.size() != edges.size() - 1) {
      throw new IllegalArgumentException(edges.size() + " edges need " + (edges.size() - 1) + " buckets");
    }
  }

  /** All non-null values counted, including underflow and overflow. */
  public long total() {
    return underflow + overflow + buckets.stream().mapToLong(Long::longValue).sum();
  }
}
