package org.dirchain.node.data;

import java.math.BigDecimal;

/**
 * The numeric text syntax every part of the node accepts (CSV cells, query values), and the
 * canonical decimal form used in commitments.
 *
 * <ul>
 *   <li>integer: {@code [+-]?[0-9]+} within the range of {@code long};
 *   <li>decimal: {@code [+-]?(digits[.digits?] | .digits)([eE][+-]?d{1,3})?} — ASCII only, no
 *       spaces, no NaN or infinities, an exponent of at most three digits (so a cell cannot expand
 *       into a huge plain string).
 * </ul>
 */
public final class Numbers {

  private Numbers() {}

  /** Exactly the strings {@link #parseDecimal} accepts. */
  public static boolean isDecimal(char[] s, int off, int len) {
    int i = off;
    int end = off + len;
    if (i < end && (s[i] == '+' || s[i] == '-')) {
      i++;
    }
    int digits = 0;
    while (i < end && isDigit(s[i])) {
      i++;
      digits++;
    }
    if (i < end && s[i] == '.') {
      i++;
      while (i < end && isDigit(s[i])) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < end && (s[i] == 'e' || s[i] == 'E')) {
      i++;
      if (i < end && (s[i] == '+' || s[i] == '-')) {
        i++;
      }
      int exp = 0;
      while (i < end && isDigit(s[i])) {
        i++;
        exp++;
      }
      if (exp == 0 || exp > 3) {
        return false;
      }
    }
    return i == end;
  }

  public static boolean isDecimal(String s) {
    return s != null && isDecimal(s.toCharArray(), 0, s.length());
  }

  /**
   * @throws NumberFormatException if {@code s} is not in the decimal syntax above
   */
  public static BigDecimal parseDecimal(String s) {
    if (!isDecimal(s)) {
      throw new NumberFormatException("'" + s + "' is not a decimal number");
    }
    return new BigDecimal(s);
  }

  /**
   * Parses {@code [+-]?[0-9]+} into a long.
   *
   * @throws NumberFormatException if the text is not an integer or out of range
   */
  public static long parseLong(char[] s, int off, int len) {
    int i = off;
    int end = off + len;
    boolean negative = false;
    if (i < end && (s[i] == '+' || s[i] == '-')) {
      negative = s[i] == '-';
      i++;
    }
    if (i == end) {
      throw new NumberFormatException("not an integer");
    }
    // Accumulate negatively so Long.MIN_VALUE is representable.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long result = 0;
    for (; i < end; i++) {
      char c = s[i];
      if (!isDigit(c)) {
        throw new NumberFormatException("not an integer");
      }
      int d = c - '0';
      if (result < limit / 10) {
        throw new NumberFormatException("integer out of the 64-bit range");
      }
      result *= 10;
      if (result < limit + d) {
        throw new NumberFormatException("integer out of the 64-bit range");
      }
      result -= d;
    }
    return negative ? result : -result;
  }

  /** True if {@link #parseLong(char[], int, int)} would succeed. */
  public static boolean isLong(char[] s, int off, int len) {
    try {
      parseLong(s, off, len);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The canonical text of a decimal value: trailing zeros stripped, plain notation, {@code 0} for
   * any zero — so 1.50, 1.5 and 15E-1 all read {@code 1.5}.
   */
  public static String canonical(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  /** True if {@code value} has no fractional part (2, 2.0 and 2E+1 do; 2.5 does not). */
  public static boolean isInteger(BigDecimal value) {
    return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
  }

  /**
   * The one text of an integer written in the decimal syntax above ({@code +02}, {@code 2.0} and
   * {@code 2} all read {@code 2}), or null when {@code s} is not an integer: how INTEGER group keys
   * are matched and told apart.
   */
  public static String canonicalInteger(String s) {
    if (!isDecimal(s)) {
      return null;
    }
    BigDecimal v = new BigDecimal(s);
    return isInteger(v) ? v.toBigIntegerExact().toString() : null;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
