package org.dirchain.node.data;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.dirchain.chain.model.Hash32;

/**
 * The content commitment a provider publishes on chain: SHA-256 over a canonical encoding of the
 * schema and every row, in the table's canonical row order (CSV: file order; JDBC: ordered by
 * every column). The same rows in the same order give the same commitment whatever the source.
 *
 * <p>Encoding (all integers big-endian; {@code str(x)} = 4-byte length, then the UTF-8 bytes):
 *
 * <pre>
 *   str("dirchain/content-commitment/v1")
 *   str(schema.canonical())                     e.g. "age:INTEGER,hba1c:DECIMAL,region:TEXT"
 *   for each row:   0x01, then for each column in schema order:
 *                     NULL  -> 0x00
 *                     value -> 0x01 str(text)   INTEGER: decimal digits, '-' if negative
 *                                                DECIMAL: {@link Numbers#canonical} (1.50 -> 1.5, 0.00 -> 0)
 *                                                TEXT:    the string itself
 *   end:            0x00, 8-byte row count
 * </pre>
 *
 * Every element is tagged or length-prefixed and the number of fields per row is fixed by the
 * schema, so the encoding can be decoded unambiguously: two different tables cannot encode alike.
 * Text is hashed byte for byte, without Unicode normalisation.
 */
public final class ContentCommitment {

  public static final String DOMAIN = "dirchain/content-commitment/v1";

  private final byte[] hash;
  private final long rowCount;

  public ContentCommitment(byte[] hash, long rowCount) {
    if (hash == null || hash.length != 32) {
      throw new IllegalArgumentException("a content commitment is 32 bytes");
    }
    this.hash = hash.clone();
    this.rowCount = rowCount;
  }

  /** Consumes the cursor (without closing it) and commits to its schema and rows. */
  public static ContentCommitment compute(RowCursor cursor) {
    TableSchema schema = cursor.schema();
    CanonicalRowEncoder encoder = new CanonicalRowEncoder(schema);
    int n = schema.size();
    ColumnType[] types = schema.columns().stream().map(Column::type).toArray(ColumnType[]::new);
    long rows = 0;
    while (cursor.next()) {
      encoder.beginRow();
      for (int i = 0; i < n; i++) {
        if (cursor.isNull(i)) {
          encoder.nullValue();
        } else {
          switch (types[i]) {
            case INTEGER -> encoder.integer(cursor.integer(i));
            case DECIMAL -> encoder.ascii(Numbers.canonical(cursor.decimal(i)));
            case TEXT -> encoder.text(cursor.text(i));
          }
        }
      }
      rows++;
    }
    return new ContentCommitment(encoder.finish(rows), rows);
  }

  public byte[] bytes() {
    return hash.clone();
  }

  /** Lower-case hex with {@code 0x} prefix. */
  public String hex() {
    return "0x" + HexFormat.of().formatHex(hash);
  }

  /** Rows committed to (not part of the hash's identity, but encoded in it). */
  public long rowCount() {
    return rowCount;
  }

  /** The commitment as the chain façade's hash type. */
  public Hash32 toHash32() {
    return Hash32.of(hash);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContentCommitment c && Arrays.equals(hash, c.hash) && rowCount == c.rowCount;
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(hash), rowCount);
  }

  @Override
  public String toString() {
    return hex() + " (" + rowCount + " rows)";
  }
}
