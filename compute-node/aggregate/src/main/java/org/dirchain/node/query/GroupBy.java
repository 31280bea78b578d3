package org.dirchain.node.query;

import java.util.HashSet;
import java.util.List;
import org.dirchain.node.data.Column;

/**
 * Grouping by a TEXT column over an explicit, public list of keys. Rows whose key is NULL or not
 * listed are left out. The list is part of the spec so that every node's partial aggregate has the
 * same groups in the same order — which encrypted partials need in order to add up — and so that no
 * node reveals which keys its data contains.
 */
public record GroupBy(String column, List<String> keys) {

  public static final int MAX_KEYS = 1_000;

  public GroupBy {
    if (!Column.isValidName(column)) {
      throw new InvalidQueryException("group-by column '" + column + "' is not a valid column name");
    }
    if (keys == null || keys.stream().anyMatch(java.util.Objects::isNull)) {
      throw new InvalidQueryException("group-by on '" + column + "' has missing keys");
    }
    keys = List.copyOf(keys);
    if (keys.isEmpty() || keys.size() > MAX_KEYS) {
      throw new InvalidQueryException("group-by on '" + column + "' needs 1 to " + MAX_KEYS + " keys, got " + keys.size());
    }
    if (new HashSet<>(keys).size() != keys.size()) {
      throw new InvalidQueryException("group-by on '" + column + "' lists a key twice");
    }
  }

  public static GroupBy of(String column, String... keys) {
    return new GroupBy(column, List.of(keys));
  }
}
