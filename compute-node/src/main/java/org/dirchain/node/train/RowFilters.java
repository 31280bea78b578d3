package org.dirchain.node.train;

import org.dirchain.federated.InvalidTrainingSpecException;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.dirchain.node.data.ColumnType;
import org.dirchain.node.data.RowCursor;
import org.dirchain.node.data.TableSchema;
import org.dirchain.node.query.Filter;

/**
 * A training spec's filters bound to a table: the same semantics as aggregate queries (ANDed; a
 * NULL in the filtered column never matches). The query package keeps its binding private to its
 * own query type, so training binds {@link Filter}s here.
 */
final class RowFilters {

  private RowFilters() {}

  /**
   * @throws InvalidTrainingSpecException for an unknown column or an operator that does not fit its type
   */
  static Predicate<RowCursor> bind(List<Filter> filters, TableSchema schema) {
    Predicate<RowCursor> all = row -> true;
    for (Filter f : filters) {
      all = all.and(bindOne(f, schema));
    }
    return all;
  }

  private static Predicate<RowCursor> bindOne(Filter f, TableSchema schema) {
    if (!schema.contains(f.column())) {
      throw new InvalidTrainingSpecException("filter " + f.op() + " on unknown column '" + f.column()
          + "'; available columns: " + String.join(", ", schema.names()));
    }
    int col = schema.indexOf(f.column());
    ColumnType type = schema.column(col).type();
    if (type == ColumnType.TEXT) {
      if (f.op().numericOnly()) {
        throw new InvalidTrainingSpecException("filter " + f.op() + " on '" + f.column() + "' compares numbers, but the column is TEXT");
      }
      Set<String> values = new HashSet<>(f.values());
      return switch (f.op()) {
        case EQ, IN -> row -> !row.isNull(col) && values.contains(row.text(col));
        case NE -> row -> !row.isNull(col) && !values.contains(row.text(col));
        default -> throw new IllegalStateException(f.op().name());
      };
    }
    if (f.op().textOnly()) {
      throw new InvalidTrainingSpecException("filter " + f.op() + " on '" + f.column() + "' is for TEXT columns, but the column is " + type);
    }
    BigDecimal a;
    BigDecimal b;
    try {
      a = new BigDecimal(f.values().get(0));
      b = f.values().size() > 1 ? new BigDecimal(f.values().get(1)) : null;
    } catch (NumberFormatException e) {
      throw new InvalidTrainingSpecException("filter " + f.op() + " on " + type + " column '" + f.column()
          + "': " + f.values() + " is not a number", e);
    }
    return switch (f.op()) {
      case EQ -> row -> !row.isNull(col) && row.number(col).compareTo(a) == 0;
      case NE -> row -> !row.isNull(col) && row.number(col).compareTo(a) != 0;
      case LT -> row -> !row.isNull(col) && row.number(col).compareTo(a) < 0;
      case LE -> row -> !row.isNull(col) && row.number(col).compareTo(a) <= 0;
      case GT -> row -> !row.isNull(col) && row.number(col).compareTo(a) > 0;
      case GE -> row -> !row.isNull(col) && row.number(col).compareTo(a) >= 0;
      case BETWEEN -> row -> !row.isNull(col) && row.number(col).compareTo(a) >= 0 && row.number(col).compareTo(b) <= 0;
      default -> throw new IllegalStateException(f.op().name());
    };
  }
}
