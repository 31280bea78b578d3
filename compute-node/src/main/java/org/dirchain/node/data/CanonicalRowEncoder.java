package org.dirchain.node.data;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Feeds the canonical encoding described in {@link ContentCommitment} into SHA-256, buffered. */
final class CanonicalRowEncoder {

  private static final int ROW = 0x01;
  private static final int VALUE = 0x01;
  private static final int NULL = 0x00;
  private static final int END = 0x00;

  private final MessageDigest sha;
  private final byte[] buf = new byte[16 * 1024];
  private final byte[] digits = new byte[20];
  private int len;

  CanonicalRowEncoder(TableSchema schema) {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    string(ContentCommitment.DOMAIN.getBytes(StandardCharsets.UTF_8));
    string(schema.canonical().getBytes(StandardCharsets.UTF_8));
  }

  void beginRow() {
    room(1);
    buf[len++] = ROW;
  }

  void nullValue() {
    room(1);
    buf[len++] = NULL;
  }

  void integer(long v) {
    if (v == Long.MIN_VALUE) {
      ascii(Long.toString(v));
      return;
    }
    // Digits written backwards into a scratch array: no String per value on the hot path.
    long x = Math.abs(v);
    int n = 0;
    do {
      digits[digits.length - 1 - n++] = (byte) ('0' + x % 10);
      x /= 10;
    } while (x != 0);
    if (v < 0) {
      digits[digits.length - 1 - n++] = '-';
    }
    value(digits, digits.length - n, n);
  }

  /** A value whose text is pure ASCII (canonical decimals). */
  void ascii(String s) {
    int n = s.length();
    room(5 + n);
    if (5 + n > buf.length) {
      value(s.getBytes(StandardCharsets.US_ASCII));
      return;
    }
    header(n);
    for (int i = 0; i < n; i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  void text(String s) {
    value(s.getBytes(StandardCharsets.UTF_8));
  }

  private void value(byte[] b) {
    value(b, 0, b.length);
  }

  private void value(byte[] b, int off, int n) {
    room(5);
    header(n);
    raw(b, off, n);
  }

  private void header(int n) {
    buf[len++] = VALUE;
    int32(n);
  }

  private void string(byte[] b) {
    room(4);
    int32(b.length);
    raw(b, 0, b.length);
  }

  private void int32(int n) {
    buf[len++] = (byte) (n >>> 24);
    buf[len++] = (byte) (n >>> 16);
    buf[len++] = (byte) (n >>> 8);
    buf[len++] = (byte) n;
  }

  private void raw(byte[] b, int off, int n) {
    if (n > buf.length - len) {
      flush();
      if (n > buf.length) {
        sha.update(b, off, n);
        return;
      }
    }
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  private void room(int n) {
    if (buf.length - len < n) {
      flush();
    }
  }

  private void flush() {
    sha.update(buf, 0, len);
    len = 0;
  }

  byte[] finish(long rows) {
    room(9);
    buf[len++] = END;
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (rows >>> shift);
    }
    flush();
    return sha.digest();
  }
}
