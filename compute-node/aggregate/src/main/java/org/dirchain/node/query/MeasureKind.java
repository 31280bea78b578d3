package org.dirchain.node.query;

/** What a query measures per group. */
public enum MeasureKind {
  /** Rows in the group. */
  COUNT,
  SUM,
  MEAN,
  /** Sample variance (denominator n − 1), from count, sum and sum of squares. */
  VARIANCE,
  /** Counts per bucket {@code [e0,e1), [e1,e2), ...} plus underflow ({@code < e0}) and overflow ({@code >= e_last}). */
  HISTOGRAM
}
