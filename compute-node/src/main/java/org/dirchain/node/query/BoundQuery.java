package org.dirchain.node.query;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dirchain.node.data.ColumnType;
import org.dirchain.node.data.RowCursor;
import org.dirchain.node.data.TableSchema;
import org.dirchain.node.data.UnknownColumnException;

/** A query resolved against one table's schema: column indexes and typed predicates. */
public final class BoundQuery {

  /** One filter, evaluated on the cursor's current row. */
  private interface RowPredicate {
    boolean test(RowCursor row);
  }

  private final RowPredicate[] filters;
  private final int groupColumn;
  private final boolean integerGroups;
  private final Map<String, Integer> groupIndex;
  private final int[] momentColumns;
  private final int[] histogramColumns;
  private final BigDecimal[][] histogramEdges;

  private BoundQuery(RowPredicate[] filters, int groupColumn, boolean integerGroups, Map<String, Integer> groupIndex,
      int[] momentColumns, int[] histogramColumns, BigDecimal[][] histogramEdges) {
    this.filters = filters;
    this.groupColumn = groupColumn;
    this.integerGroups = integerGroups;
    this.groupIndex = groupIndex;
    this.momentColumns = momentColumns;
    this.histogramColumns = histogramColumns;
    this.histogramEdges = histogramEdges;
  }

  /**
   * Checks a query against a table's schema.
   *
   * @throws InvalidQueryException naming the column and the problem
   */
  public static void validate(AggregateQuery q, TableSchema schema) {
    bind(q, schema);
  }

  static BoundQuery bind(AggregateQuery q, TableSchema schema) {
    RowPredicate[] filters = new RowPredicate[q.filters().size()];
    for (int i = 0; i < filters.length; i++) {
      filters[i] = bindFilter(q.filters().get(i), schema);
    }
    int groupColumn = -1;
    Map<String, Integer> groupIndex = Map.of();
    boolean integerGroups = false;
    if (q.groupBy() != null) {
      groupColumn = column(schema, q.groupBy().column(), "group-by");
      ColumnType type = schema.column(groupColumn).type();
      if (type == ColumnType.DECIMAL) {
        throw new InvalidQueryException("group-by column '" + q.groupBy().column()
            + "' is DECIMAL; grouping needs a TEXT or INTEGER column");
      }
      integerGroups = type == ColumnType.INTEGER;
      groupIndex = new HashMap<>();
      for (String key : q.groupBy().keys()) {
        if (groupIndex.putIfAbsent(integerGroups ? integerKey(q.groupBy().column(), key) : key, groupIndex.size())
            != null) {
          throw new InvalidQueryException("group key '" + key + "' of '" + q.groupBy().column()
              + "' names a value listed before");
        }
      }
    }
    for (Measure m : q.measures()) {
      if (m.column() != null) {
        numericColumn(schema, m.column(), m.kind().name());
      }
    }
    int[] moments = q.momentColumns().stream().mapToInt(schema::indexOf).toArray();
    List<Measure> histograms = q.histograms();
    int[] histogramColumns = histograms.stream().mapToInt(m -> schema.indexOf(m.column())).toArray();
    BigDecimal[][] edges = histograms.stream().map(m -> m.edgeValues().toArray(BigDecimal[]::new)).toArray(BigDecimal[][]::new);
    return new BoundQuery(filters, groupColumn, integerGroups, groupIndex, moments, histogramColumns, edges);
  }

  /** An INTEGER group key in the one form rows are looked up by (no sign of +, no leading zeros). */
  private static String integerKey(String column, String key) {
    String canonical = org.dirchain.node.data.Numbers.canonicalInteger(key);
    if (canonical == null) {
      throw new InvalidQueryException("group key '" + key + "' of INTEGER column '" + column + "' is not an integer");
    }
    return canonical;
  }

  private static RowPredicate bindFilter(Filter f, TableSchema schema) {
    int col = column(schema, f.column(), "filter " + f.op());
    ColumnType type = schema.column(col).type();
    if (type == ColumnType.TEXT) {
      if (f.op().numericOnly()) {
        throw new InvalidQueryException("filter " + f.op() + " on '" + f.column()
            + "' compares numbers, but the column is TEXT (use EQ, NE or IN)");
      }
      String value = f.values().get(0);
      return switch (f.op()) {
        case EQ -> row -> !row.isNull(col) && row.text(col).equals(value);
        case NE -> row -> !row.isNull(col) && !row.text(col).equals(value);
        case IN -> {
          Set<String> set = new HashSet<>(f.values());
          yield row -> !row.isNull(col) && set.contains(row.text(col));
        }
        default -> throw new IllegalStateException(f.op().name());
      };
    }
    if (f.op().textOnly()) {
      throw new InvalidQueryException("filter " + f.op() + " on '" + f.column() + "' is for TEXT columns, but the column is "
          + type + " (use BETWEEN, or EQ per value)");
    }
    BigDecimal[] v = new BigDecimal[f.values().size()];
    for (int i = 0; i < v.length; i++) {
      String s = f.values().get(i);
      if (!org.dirchain.node.data.Numbers.isDecimal(s)) {
        throw new InvalidQueryException("filter " + f.op() + " on " + type + " column '" + f.column()
            + "': '" + s + "' is not a number");
      }
      v[i] = new BigDecimal(s);
    }
    BigDecimal a = v[0];
    BigDecimal b = v.length > 1 ? v[1] : null;
    return switch (f.op()) {
      case EQ -> row -> !row.isNull(col) && row.number(col).compareTo(a) == 0;
      case NE -> row -> !row.isNull(col) && row.number(col).compareTo(a) != 0;
      case LT -> row -> !row.isNull(col) && row.number(col).compareTo(a) < 0;
      case LE -> row -> !row.isNull(col) && row.number(col).compareTo(a) <= 0;
      case GT -> row -> !row.isNull(col) && row.number(col).compareTo(a) > 0;
      case GE -> row -> !row.isNull(col) && row.number(col).compareTo(a) >= 0;
      case BETWEEN -> row -> {
        if (row.isNull(col)) {
          return false;
        }
        BigDecimal x = row.number(col);
        return x.compareTo(a) >= 0 && x.compareTo(b) <= 0;
      };
      default -> throw new IllegalStateException(f.op().name());
    };
  }

  private static int column(TableSchema schema, String name, String usage) {
    try {
      return schema.indexOf(name);
    } catch (UnknownColumnException e) {
      throw new InvalidQueryException(usage + ": " + e.getMessage(), e);
    }
  }

  private static void numericColumn(TableSchema schema, String name, String usage) {
    int col = column(schema, name, usage);
    if (!schema.column(col).type().isNumeric()) {
      throw new InvalidQueryException(usage + " of '" + name + "' needs a numeric column, but it is TEXT");
    }
  }

  boolean matches(RowCursor row) {
    for (RowPredicate f : filters) {
      if (!f.test(row)) {
        return false;
      }
    }
    return true;
  }

  /** The row's group, or -1 if its key is NULL or not listed. */
  int group(RowCursor row) {
    if (groupColumn < 0) {
      return 0;
    }
    if (row.isNull(groupColumn)) {
      return -1;
    }
    String key = integerGroups ? row.number(groupColumn).toBigInteger().toString() : row.text(groupColumn);
    Integer g = groupIndex.get(key);
    return g == null ? -1 : g;
  }

  int[] momentColumns() {
    return momentColumns;
  }

  int[] histogramColumns() {
    return histogramColumns;
  }

  /**
   * Slot of {@code x} in histogram {@code h}: 0 = underflow ({@code x < e0}), i + 1 for
   * {@code [e_i, e_{i+1})}, and {@code edges.length} = overflow ({@code x >= e_last}).
   */
  int bucket(int h, BigDecimal x) {
    BigDecimal[] edges = histogramEdges[h];
    int i = Arrays.binarySearch(edges, x, BigDecimal::compareTo);
    // Found: x equals edge i, so it opens bucket i (slot i + 1). Not found: i = -(insertion) - 1,
    // and x lies after the (insertion - 1)th edge, i.e. in slot = insertion.
    return i >= 0 ? i + 1 : -i - 1;
  }
}
