package org.dirchain.node.query;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import org.dirchain.node.data.Column;
import org.dirchain.node.data.Numbers;

/**
 * One condition of a query; a query's filters are ANDed. Values are kept as the strings given (that
 * is what the spec hash covers); numeric values use the syntax of {@link Numbers}. Whether a value
 * fits the column is checked against the table's schema when the query is run. A row whose value in
 * the filtered column is NULL never matches, whatever the operator (NE included).
 */
public record Filter(String column, Operator op, List<String> values) {

  /** Caps the size of an IN list (the spec is public and hashed on chain). */
  public static final int MAX_IN_VALUES = 1_000;

  /**
   * Caps the length of one value. A node parses numeric values before it has verified the job
   * (to refuse a spec that does not fit its table), and parsing a decimal costs time quadratic in
   * its digits: a megabyte-long number would hold a node for minutes.
   */
  public static final int MAX_VALUE_CHARS = 1_000;

  public Filter {
    if (!Column.isValidName(column)) {
      throw new InvalidQueryException("filter column '" + column + "' is not a valid column name");
    }
    if (op == null) {
      throw new InvalidQueryException("filter on '" + column + "' has no operator");
    }
    if (values == null || values.stream().anyMatch(java.util.Objects::isNull)) {
      throw new InvalidQueryException("filter " + op + " on '" + column + "' has missing values");
    }
    values = List.copyOf(values);
    for (String v : values) {
      if (v.length() > MAX_VALUE_CHARS) {
        throw new InvalidQueryException("filter " + op + " on '" + column + "' has a value of " + v.length()
            + " characters; at most " + MAX_VALUE_CHARS + " are allowed");
      }
    }
    if (op.arity() > 0 && values.size() != op.arity()) {
      throw new InvalidQueryException("filter " + op + " on '" + column + "' takes " + op.arity()
          + " value" + (op.arity() == 1 ? "" : "s") + ", got " + values.size());
    }
    if (op == Operator.IN) {
      if (values.isEmpty() || values.size() > MAX_IN_VALUES) {
        throw new InvalidQueryException("filter IN on '" + column + "' needs 1 to " + MAX_IN_VALUES + " values, got " + values.size());
      }
      if (new HashSet<>(values).size() != values.size()) {
        throw new InvalidQueryException("filter IN on '" + column + "' lists a value twice");
      }
    }
    if (op.numericOnly()) {
      for (String v : values) {
        if (!Numbers.isDecimal(v)) {
          throw new InvalidQueryException("filter " + op + " on '" + column + "': '" + v + "' is not a number");
        }
      }
      if (op == Operator.BETWEEN && new BigDecimal(values.get(0)).compareTo(new BigDecimal(values.get(1))) > 0) {
        throw new InvalidQueryException("filter BETWEEN on '" + column + "': lower bound " + values.get(0)
            + " is greater than upper bound " + values.get(1));
      }
    }
  }

  public static Filter eq(String column, String value) {
    return new Filter(column, Operator.EQ, List.of(value));
  }

  public static Filter ne(String column, String value) {
    return new Filter(column, Operator.NE, List.of(value));
  }

  public static Filter lt(String column, String value) {
    return new Filter(column, Operator.LT, List.of(value));
  }

  public static Filter le(String column, String value) {
    return new Filter(column, Operator.LE, List.of(value));
  }

  public static Filter gt(String column, String value) {
    return new Filter(column, Operator.GT, List.of(value));
  }

  public static Filter ge(String column, String value) {
    return new Filter(column, Operator.GE, List.of(value));
  }

  /** {@code lo <= column <= hi}. */
  public static Filter between(String column, String lo, String hi) {
    return new Filter(column, Operator.BETWEEN, List.of(lo, hi));
  }

  public static Filter in(String column, String... values) {
    return new Filter(column, Operator.IN, List.of(values));
  }

  @Override
  public String toString() {
    return column + " " + op + " " + values;
  }
}
