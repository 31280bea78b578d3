package org.dirchain.node.data;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named, typed column. Names are plain identifiers ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63
 * characters) so the same name works as a CSV header, a quoted SQL identifier and in the canonical
 * schema string without escaping; they are case-sensitive.
 */
public record Column(String name, ColumnType type) {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  public Column {
    Objects.requireNonNull(type, "type");
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          "invalid column name '" + name + "': expected a plain identifier [A-Za-z_][A-Za-z0-9_]* of at most 63 characters");
    }
  }

  public static boolean isValidName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  @Override
  public String toString() {
    return name + ":" + type;
  }
}
