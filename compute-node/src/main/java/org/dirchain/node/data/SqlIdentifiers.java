package org.dirchain.node.data;

import java.util.regex.Pattern;

/**
 * Validation and quoting of table and column names. Only plain identifiers
 * ({@code [A-Za-z_][A-Za-z0-9_]*}, at most 63 characters — PostgreSQL's limit) pass, and they are
 * always double-quoted, so reserved words work and nothing a caller passes is ever interpreted as
 * SQL. Quoting makes names case-sensitive: use the name as stored in the database catalogue
 * (PostgreSQL stores unquoted names in lower case).
 */
public final class SqlIdentifiers {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private SqlIdentifiers() {}

  public static boolean isPlain(String identifier) {
    return identifier != null && PLAIN.matcher(identifier).matches();
  }

  /** {@code name} → {@code "name"}. */
  public static String quote(String identifier) {
    if (!isPlain(identifier)) {
      throw new InvalidIdentifierException("'" + identifier
          + "' is not a plain SQL identifier: expected [A-Za-z_][A-Za-z0-9_]* of at most 63 characters");
    }
    return '"' + identifier + '"';
  }

  /** {@code table} or {@code schema.table} → {@code "table"} or {@code "schema"."table"}. */
  public static String quoteQualified(String name) {
    if (name == null) {
      throw new InvalidIdentifierException("table name is missing");
    }
    String[] parts = name.split("\\.", -1);
    if (parts.length > 2 || !isPlain(parts[0]) || (parts.length == 2 && !isPlain(parts[1]))) {
      throw new InvalidIdentifierException("'" + name + "' is not a table name: expected table or schema.table, "
          + "each a plain identifier [A-Za-z_][A-Za-z0-9_]* of at most 63 characters");
    }
    return parts.length == 1 ? quote(parts[0]) : quote(parts[0]) + "." + quote(parts[1]);
  }
}
