package org.dirchain.node.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The ordered columns of a table. The canonical form {@code name:TYPE,name:TYPE,...} (in column
 * order) is what {@link #schemaHash()} and the content commitment hash, so two tables only share a
 * schema hash if they have the same names, types and column order.
 */
public record TableSchema(List<Column> columns) {

  public TableSchema {
    if (columns == null || columns.isEmpty()) {
      throw new IllegalArgumentException("a schema needs at least one column");
    }
    columns = List.copyOf(columns);
    Map<String, Integer> seen = new HashMap<>();
    for (Column c : columns) {
      if (seen.put(c.name(), 0) != null) {
        throw new IllegalArgumentException("duplicate column '" + c.name() + "'");
      }
    }
  }

  public static TableSchema of(Column... columns) {
    return new TableSchema(List.of(columns));
  }

  /**
   * Parses the canonical form, e.g. {@code age:INTEGER,hba1c:DECIMAL,region:TEXT}.
   *
   * @throws IllegalArgumentException naming the malformed entry
   */
  public static TableSchema parse(String canonical) {
    List<Column> cols = new java.util.ArrayList<>();
    for (String part : canonical.split(",", -1)) {
      int colon = part.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("malformed schema entry '" + part + "': expected name:TYPE");
      }
      ColumnType type;
      try {
        type = ColumnType.valueOf(part.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "malformed schema entry '" + part + "': type must be INTEGER, DECIMAL or TEXT", e);
      }
      cols.add(new Column(part.substring(0, colon), type));
    }
    return new TableSchema(cols);
  }

  public int size() {
    return columns.size();
  }

  public Column column(int index) {
    return columns.get(index);
  }

  public List<String> names() {
    return columns.stream().map(Column::name).collect(Collectors.toList());
  }

  public boolean contains(String name) {
    return find(name) >= 0;
  }

  /**
   * @throws UnknownColumnException naming the column and the available ones
   */
  public int indexOf(String name) {
    int i = find(name);
    if (i < 0) {
      throw new UnknownColumnException(name, this);
    }
    return i;
  }

  public Column column(String name) {
    return columns.get(indexOf(name));
  }

  private int find(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code name:TYPE} pairs in column order, comma-separated. */
  public String canonical() {
    return columns.stream().map(Column::toString).collect(Collectors.joining(","));
  }

  /** SHA-256 of the UTF-8 canonical form: the {@code schemaHash} a provider registers on chain. */
  public byte[] schemaHash() {
    try {
      return MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return canonical();
  }
}
