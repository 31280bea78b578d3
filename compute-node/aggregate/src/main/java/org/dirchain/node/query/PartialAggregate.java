package org.dirchain.node.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Objects;

/**
 * One node's contribution to an aggregate: per group, the row count, and per moment column the
 * count of non-null values, their sum and their sum of squares, and per histogram the bucket counts.
 *
 * <p><b>Additive.</b> Partials of the same query combine by element-wise addition ({@link #plus}),
 * so the coordinator may add them in plaintext or — flattened by {@link #toVector(int)} — under an
 * additively homomorphic scheme, then {@link #finish()} the total.
 *
 * <p><b>Exact.</b> Sums are exact {@link BigDecimal}s. {@link #toVector(int)} scales sums by
 * {@code 10^scale} and sums of squares by {@code 10^(2·scale)}; that is exact whenever the data has
 * at most {@code scale} decimal places, and otherwise rounds half-even once per node and slot (an
 * error of at most half a unit in the last place, per node). The slot order is {@link VectorLayout}.
 */
public final class PartialAggregate {

  private final AggregateQuery query;
  private final VectorLayout layout;
  /** Count-like slots (rows, n, buckets); zero in sum slots. */
  private final long[] counts;
  /** Sum and sum-of-squares slots; null in count slots. */
  private final BigDecimal[] sums;

  private PartialAggregate(AggregateQuery query, VectorLayout layout, long[] counts, BigDecimal[] sums) {
    this.query = query;
    this.layout = layout;
    this.counts = counts;
    this.sums = sums;
  }

  /** The additive identity for {@code query}. */
  public static PartialAggregate empty(AggregateQuery query) {
    VectorLayout layout = new VectorLayout(query);
    long[] counts = new long[layout.length()];
    BigDecimal[] sums = new BigDecimal[layout.length()];
    for (int slot = 0; slot < sums.length; slot++) {
      if (isSum(layout.kind(slot))) {
        sums[slot] = BigDecimal.ZERO;
      }
    }
    return new PartialAggregate(query, layout, counts, sums);
  }

  public AggregateQuery query() {
    return query;
  }

  public VectorLayout layout() {
    return layout;
  }

  // --- accumulation, used by AggregateEngine while it owns a fresh instance ---

  void addRow(int group) {
    counts[layout.rowsSlot(group)]++;
  }

  void addMoment(int group, int m, BigDecimal x) {
    counts[layout.countSlot(group, m)]++;
    int sum = layout.sumSlot(group, m);
    sums[sum] = sums[sum].add(x);
    sums[sum + 1] = sums[sum + 1].add(x.multiply(x));
  }

  void addToBucket(int group, int h, int bucket) {
    counts[layout.bucketSlot(group, h, bucket)]++;
  }

  // --- reading ---

  public long rows(int group) {
    return counts[layout.rowsSlot(group)];
  }

  /** Rows over all groups. */
  public long totalRows() {
    long total = 0;
    for (int g = 0; g < layout.groups(); g++) {
      total += rows(g);
    }
    return total;
  }

  /** Non-null values of moment column {@code m} (index into {@link AggregateQuery#momentColumns()}). */
  public long count(int group, int m) {
    return counts[layout.countSlot(group, m)];
  }

  public BigDecimal sum(int group, int m) {
    return sums[layout.sumSlot(group, m)];
  }

  public BigDecimal sumOfSquares(int group, int m) {
    return sums[layout.sumOfSquaresSlot(group, m)];
  }

  /** Slots of histogram {@code h}: underflow, buckets, overflow. */
  public long[] buckets(int group, int h) {
    int from = layout.bucketSlot(group, h, 0);
    return Arrays.copyOfRange(counts, from, from + layout.bucketSlots(h));
  }

  /**
   * Element-wise sum with another partial of the same query.
   *
   * @throws IllegalArgumentException if the queries differ
   * @throws ArithmeticException if a count overflows a long
   */
  public PartialAggregate plus(PartialAggregate other) {
    if (!query.equals(other.query)) {
      throw new IllegalArgumentException("cannot add partial aggregates of different queries");
    }
    long[] c = new long[counts.length];
    BigDecimal[] s = new BigDecimal[sums.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = Math.addExact(counts[i], other.counts[i]);
      s[i] = sums[i] == null ? null : sums[i].add(other.sums[i]);
    }
    return new PartialAggregate(query, layout, c, s);
  }

  /** {@link #toVector(int)} at the query's scale. */
  public BigInteger[] toVector() {
    return toVector(query.scale());
  }

  /** The flat fixed-point vector (layout: {@link VectorLayout}). */
  public BigInteger[] toVector(int scale) {
    checkScale(scale);
    BigInteger[] v = new BigInteger[counts.length];
    for (int slot = 0; slot < v.length; slot++) {
      VectorLayout.SlotKind kind = layout.kind(slot);
      if (kind == VectorLayout.SlotKind.SUM) {
        v[slot] = scaled(sums[slot], scale);
      } else if (kind == VectorLayout.SlotKind.SUM_OF_SQUARES) {
        v[slot] = scaled(sums[slot], 2 * scale);
      } else {
        v[slot] = BigInteger.valueOf(counts[slot]);
      }
    }
    return v;
  }

  /** {@link #fromVector(AggregateQuery, int, BigInteger[])} at the query's scale. */
  public static PartialAggregate fromVector(AggregateQuery query, BigInteger[] vector) {
    return fromVector(query, query.scale(), vector);
  }

  /**
   * Reads a vector produced by {@link #toVector(int)} (or a sum of such vectors).
   *
   * @throws IllegalArgumentException if the length does not fit the query, or a count is negative,
   *     exceeds a long, or is inconsistent (more values or bucket entries than rows)
   */
  public static PartialAggregate fromVector(AggregateQuery query, int scale, BigInteger[] vector) {
    checkScale(scale);
    VectorLayout layout = new VectorLayout(query);
    Objects.requireNonNull(vector, "vector");
    if (vector.length != layout.length()) {
      throw new IllegalArgumentException("vector has " + vector.length + " slots, the query's layout has " + layout.length());
    }
    long[] counts = new long[vector.length];
    BigDecimal[] sums = new BigDecimal[vector.length];
    for (int slot = 0; slot < vector.length; slot++) {
      BigInteger x = Objects.requireNonNull(vector[slot], "vector slot");
      switch (layout.kind(slot)) {
        case SUM -> sums[slot] = new BigDecimal(x, scale);
        case SUM_OF_SQUARES -> {
          if (x.signum() < 0) {
            throw new IllegalArgumentException("slot " + slot + ": negative sum of squares");
          }
          sums[slot] = new BigDecimal(x, 2 * scale);
        }
        default -> {
          if (x.signum() < 0 || x.bitLength() > 63) {
            throw new IllegalArgumentException("slot " + slot + ": count " + x + " is not in [0, 2^63)");
          }
          counts[slot] = x.longValue();
        }
      }
    }
    PartialAggregate p = new PartialAggregate(query, layout, counts, sums);
    p.checkConsistent();
    return p;
  }

  private void checkConsistent() {
    for (int g = 0; g < layout.groups(); g++) {
      long rows = rows(g);
      for (int m = 0; m < query.momentColumns().size(); m++) {
        if (count(g, m) > rows) {
          throw new IllegalArgumentException("group " + g + ": more values than rows in column " + query.momentColumns().get(m));
        }
      }
      for (int h = 0; h < query.histograms().size(); h++) {
        long total = 0;
        for (long b : buckets(g, h)) {
          total += b;
        }
        if (total > rows) {
          throw new IllegalArgumentException("group " + g + ": histogram " + h + " holds more entries than rows");
        }
      }
    }
  }

  /** The final statistics of this (typically combined) partial. */
  public AggregateResult finish() {
    return AggregateResult.of(this);
  }

  private static BigInteger scaled(BigDecimal x, int digits) {
    return x.movePointRight(digits).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
  }

  private static void checkScale(int scale) {
    if (scale < 0 || scale > AggregateQuery.MAX_SCALE) {
      throw new IllegalArgumentException("scale must be 0.." + AggregateQuery.MAX_SCALE + ", got " + scale);
    }
  }

  private static boolean isSum(VectorLayout.SlotKind kind) {
    return kind == VectorLayout.SlotKind.SUM || kind == VectorLayout.SlotKind.SUM_OF_SQUARES;
  }

  /** Equal if the queries are equal and every slot holds the same number (sums compared by value). */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PartialAggregate p) || !query.equals(p.query) || !Arrays.equals(counts, p.counts)) {
      return false;
    }
    for (int i = 0; i < sums.length; i++) {
      if (sums[i] != null && sums[i].compareTo(p.sums[i]) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = query.hashCode() * 31 + Arrays.hashCode(counts);
    for (BigDecimal s : sums) {
      h = h * 31 + (s == null ? 0 : s.stripTrailingZeros().hashCode());
    }
    return h;
  }

  @Override
  public String toString() {
    return "PartialAggregate[groups=" + layout.groups() + ", slots=" + layout.length() + ", rows=" + totalRows() + "]";
  }
}
