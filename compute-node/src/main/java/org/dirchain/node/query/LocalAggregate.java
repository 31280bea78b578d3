package org.dirchain.node.query;

/**
 * The outcome of one pass over a local table: the partial aggregate to (encrypt and) return, and
 * the cohort size — rows that passed the filters and, for a grouped query, fell into a listed
 * group, i.e. the rows the partial describes. The cohort size stays on the node: it decides whether
 * to answer (minimum cohort of the asset) and is not part of the partial's vector.
 */
public record LocalAggregate(PartialAggregate partial, long cohortSize) {

  /** Rows in the smallest group, for a per-group minimum-cohort rule. */
  public long smallestGroup() {
    long min = Long.MAX_VALUE;
    for (int g = 0; g < partial.layout().groups(); g++) {
      min = Math.min(min, partial.rows(g));
    }
    return min;
  }
}
