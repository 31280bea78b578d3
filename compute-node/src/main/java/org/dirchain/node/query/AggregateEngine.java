package org.dirchain.node.query;

import java.math.BigDecimal;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.data.RowCursor;

/**
 * Computes a query's partial aggregate over a local table in one streaming pass: memory use
 * depends on the query (groups × slots), not on the table. Filters are checked against the table's
 * schema before any row is read.
 */
public final class AggregateEngine {

  /**
   * @throws InvalidQueryException if the query does not fit the table's schema
   * @throws org.dirchain.node.data.DataSourceException if the table cannot be read
   */
  public LocalAggregate evaluate(LocalTable table, AggregateQuery query) {
    BoundQuery bound = BoundQuery.bind(query, table.schema());
    PartialAggregate partial = PartialAggregate.empty(query);
    int[] moments = bound.momentColumns();
    int[] histograms = bound.histogramColumns();
    long cohort = 0;
    try (RowCursor row = table.open()) {
      while (row.next()) {
        if (!bound.matches(row)) {
          continue;
        }
        int g = bound.group(row);
        if (g < 0) {
          continue;
        }
        cohort++;
        partial.addRow(g);
        for (int m = 0; m < moments.length; m++) {
          if (!row.isNull(moments[m])) {
            partial.addMoment(g, m, row.number(moments[m]));
          }
        }
        for (int h = 0; h < histograms.length; h++) {
          if (!row.isNull(histograms[h])) {
            BigDecimal x = row.number(histograms[h]);
            partial.addToBucket(g, h, bound.bucket(h, x));
          }
        }
      }
    }
    return new LocalAggregate(partial, cohort);
  }

  /** The partial aggregate alone. */
  public PartialAggregate compute(LocalTable table, AggregateQuery query) {
    return evaluate(table, query).partial();
  }

  /** Rows the query would aggregate (see {@link LocalAggregate#cohortSize()}); one streaming pass. */
  public long cohortSize(LocalTable table, AggregateQuery query) {
    BoundQuery bound = BoundQuery.bind(query, table.schema());
    long cohort = 0;
    try (RowCursor row = table.open()) {
      while (row.next()) {
        if (bound.matches(row) && bound.group(row) >= 0) {
          cohort++;
        }
      }
    }
    return cohort;
  }
}
