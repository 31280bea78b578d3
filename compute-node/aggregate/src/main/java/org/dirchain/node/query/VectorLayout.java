package org.dirchain.node.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Where each number of a partial aggregate sits in its flat vector. The layout depends on the query
 * alone, so every node produces vectors of the same length and order. For each group {@code g} (the
 * group-by keys in spec order, or one group when not grouped), a block of
 * {@link #groupStride()} slots:
 *
 * <pre>
 *   [rows]                                              rows in the group
 *   for each moment column c (query.momentColumns()):   [n_c, sum_c, sumsq_c]
 *   for each histogram h (query.histograms()):          [underflow, bucket_1 .. bucket_k, overflow]   k = edges - 1
 * </pre>
 *
 * In {@link PartialAggregate#toVector(int) the vector}, counts are plain integers, {@code sum_c}
 * is scaled by {@code 10^scale} and {@code sumsq_c} by {@code 10^(2·scale)}.
 */
public final class VectorLayout {

  /** What a slot holds. */
  public enum SlotKind { ROWS, COUNT, SUM, SUM_OF_SQUARES, BUCKET }

  private final AggregateQuery query;
  private final int moments;
  private final int[] histogramOffsets;
  private final int stride;

  public VectorLayout(AggregateQuery query) {
    this.query = query;
    this.moments = query.momentColumns().size();
    List<Measure> histograms = query.histograms();
    this.histogramOffsets = new int[histograms.size()];
    int offset = 1 + 3 * moments;
    for (int h = 0; h < histograms.size(); h++) {
      histogramOffsets[h] = offset;
      offset += histograms.get(h).edges().size() + 1;
    }
    this.stride = offset;
  }

  public AggregateQuery query() {
    return query;
  }

  public int groups() {
    return query.groupCount();
  }

  public int groupStride() {
    return stride;
  }

  public int length() {
    return groups() * stride;
  }

  public int rowsSlot(int group) {
    return group * stride;
  }

  /** The {@code n} slot of moment column {@code m}; sum and sum of squares follow it. */
  public int countSlot(int group, int m) {
    return group * stride + 1 + 3 * m;
  }

  public int sumSlot(int group, int m) {
    return countSlot(group, m) + 1;
  }

  public int sumOfSquaresSlot(int group, int m) {
    return countSlot(group, m) + 2;
  }

  /** Slot {@code bucket} (0 = underflow .. edges = overflow) of histogram {@code h}. */
  public int bucketSlot(int group, int h, int bucket) {
    return group * stride + histogramOffsets[h] + bucket;
  }

  public int bucketSlots(int h) {
    return query.histograms().get(h).edges().size() + 1;
  }

  public SlotKind kind(int slot) {
    int local = slot % stride;
    if (local == 0) {
      return SlotKind.ROWS;
    }
    if (local <= 3 * moments) {
      return switch ((local - 1) % 3) {
        case 0 -> SlotKind.COUNT;
        case 1 -> SlotKind.SUM;
        default -> SlotKind.SUM_OF_SQUARES;
      };
    }
    return SlotKind.BUCKET;
  }

  /** Human-readable names of every slot, e.g. {@code north/hba1c/sum}, for logs and documentation. */
  public List<String> labels() {
    List<String> labels = new ArrayList<>(length());
    List<String> columns = query.momentColumns();
    List<Measure> histograms = query.histograms();
    for (int g = 0; g < groups(); g++) {
      String group = query.groupBy() == null ? "*" : query.groupBy().keys().get(g);
      labels.add(group + "/rows");
      for (String c : columns) {
        labels.add(group + "/" + c + "/n");
        labels.add(group + "/" + c + "/sum");
        labels.add(group + "/" + c + "/sumsq");
      }
      for (int h = 0; h < histograms.size(); h++) {
        String prefix = group + "/hist" + h + "(" + histograms.get(h).column() + ")/";
        List<String> e = histograms.get(h).edges();
        labels.add(prefix + "<" + e.get(0));
        for (int i = 0; i + 1 < e.size(); i++) {
          labels.add(prefix + "[" + e.get(i) + "," + e.get(i + 1) + ")");
        }
        labels.add(prefix + ">=" + e.get(e.size() - 1));
      }
    }
    return labels;
  }
}
