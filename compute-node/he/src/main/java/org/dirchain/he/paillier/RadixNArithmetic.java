package org.dirchain.he.paillier;

import java.math.BigInteger;

/**
 * Multiplication in {@code Z_{n^2}} on elements written in radix {@code n}: {@code x = lo + hi n}
 * with {@code lo, hi} in {@code [0, n)}. Then
 * <pre>
 *   (a0 + a1 n)(b0 + b1 n) = a0 b0 + (a0 b1 + a1 b0) n   (mod n^2)
 * </pre>
 * and with {@code a0 b0 = c1 n + c0} the product is {@code c0 + ((a0 b1 + a1 b0 + c1) mod n) n}.
 * That is three {@code |n| x |n|} products and two reductions modulo {@code n}, about 40% less
 * work than a {@code 2|n|}-bit product reduced modulo {@code n^2}. Used for the fixed-base
 * table, where the operands stay in this form throughout.
 */
final class RadixNArithmetic {

  /** {@code lo + hi n}. */
  record Element(BigInteger lo, BigInteger hi) {}

  private final BigInteger n;
  private final BarrettReducer modN;

  RadixNArithmetic(BarrettReducer modN) {
    this.n = modN.modulus();
    this.modN = modN;
  }

  BigInteger n() {
    return n;
  }

  BarrettReducer modN() {
    return modN;
  }

  /** Writes {@code x} in {@code [0, n^2)} in radix {@code n}. */
  Element split(BigInteger x) {
    BigInteger[] qr = modN.quotientAndRemainder(x);
    return new Element(qr[1], qr[0]);
  }

  /** The value in {@code [0, n^2)}. */
  BigInteger join(Element e) {
    return e.hi().multiply(n).add(e.lo());
  }

  Element multiply(Element a, Element b) {
    BigInteger[] low = modN.quotientAndRemainder(a.lo().multiply(b.lo()));
    BigInteger cross = a.lo().multiply(b.hi()).add(a.hi().multiply(b.lo())).add(low[0]);
    return new Element(low[1], modN.reduce(cross));
  }
}
