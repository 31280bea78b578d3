package org.dirchain.node.query;

/** Filter operators. Comparisons are numeric only; IN is for TEXT columns; EQ and NE work on both. */
public enum Operator {
  EQ(1, false, false),
  NE(1, false, false),
  LT(1, true, false),
  LE(1, true, false),
  GT(1, true, false),
  GE(1, true, false),
  /** Inclusive on both ends: {@code lo <= x <= hi}. */
  BETWEEN(2, true, false),
  /** One of the listed strings. */
  IN(-1, false, true);

  private final int arity;
  private final boolean numericOnly;
  private final boolean textOnly;

  Operator(int arity, boolean numericOnly, boolean textOnly) {
    this.arity = arity;
    this.numericOnly = numericOnly;
    this.textOnly = textOnly;
  }

  /** Number of values the operator takes, or -1 for one or more. */
  public int arity() {
    return arity;
  }

  public boolean numericOnly() {
    return numericOnly;
  }

  public boolean textOnly() {
    return textOnly;
  }
}
