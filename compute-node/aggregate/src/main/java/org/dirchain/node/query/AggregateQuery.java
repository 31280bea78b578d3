package org.dirchain.node.query;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import org.dirchain.chain.model.Hash32;

/**
 * A filtered aggregate: filters (ANDed), an optional group-by over public keys, measures, and the
 * decimal fixed-point {@code scale} (digits after the point, default {@value #DEFAULT_SCALE}) at
 * which every node flattens its partial aggregate to integers (see {@link PartialAggregate}).
 *
 * <p>The canonical form ({@link #canonicalJson()}) is compact JSON with object keys sorted and all
 * filter values and edges as strings; {@link #specHash()} is the SHA-256 of its UTF-8 bytes. The
 * chain records the hash; a node recomputes it from the spec it receives ({@link #parse}) and
 * refuses a mismatch. List order (filters, keys, measures) is significant.
 */
public record AggregateQuery(List<Filter> filters, GroupBy groupBy, List<Measure> measures, int scale) {

  public static final int DEFAULT_SCALE = 6;
  public static final int MAX_SCALE = 18;
  public static final int MAX_FILTERS = 64;
  public static final int MAX_MEASURES = 64;

  public AggregateQuery {
    if (filters == null || filters.stream().anyMatch(java.util.Objects::isNull)) {
      throw new InvalidQueryException("filters are missing");
    }
    if (measures == null || measures.stream().anyMatch(java.util.Objects::isNull) || measures.isEmpty()) {
      throw new InvalidQueryException("a query needs at least one measure");
    }
    filters = List.copyOf(filters);
    measures = List.copyOf(measures);
    if (filters.size() > MAX_FILTERS) {
      throw new InvalidQueryException("at most " + MAX_FILTERS + " filters, got " + filters.size());
    }
    if (measures.size() > MAX_MEASURES) {
      throw new InvalidQueryException("at most " + MAX_MEASURES + " measures, got " + measures.size());
    }
    if (new HashSet<>(measures).size() != measures.size()) {
      throw new InvalidQueryException("a measure is listed twice");
    }
    if (scale < 0 || scale > MAX_SCALE) {
      throw new InvalidQueryException("scale must be 0.." + MAX_SCALE + ", got " + scale);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Parses and validates a spec (canonical or not: key order and whitespace do not matter). */
  public static AggregateQuery parse(String json) {
    return QuerySpecCodec.parse(json);
  }

  public String canonicalJson() {
    return QuerySpecCodec.toCanonicalJson(this);
  }

  /** SHA-256 of the UTF-8 canonical JSON, as recorded on chain with the job. */
  public Hash32 specHash() {
    try {
      return Hash32.of(MessageDigest.getInstance("SHA-256").digest(canonicalJson().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /** True if {@code spec} parses to a query whose spec hash is {@code expected}. */
  public static boolean matches(String spec, Hash32 expected) {
    return parse(spec).specHash().equals(expected);
  }

  public boolean isGrouped() {
    return groupBy != null;
  }

  /** Number of groups in every partial aggregate: the number of keys, or 1 when not grouped. */
  public int groupCount() {
    return groupBy == null ? 1 : groupBy.keys().size();
  }

  /** Columns of SUM/MEAN/VARIANCE measures, each once, in order of first appearance. */
  public List<String> momentColumns() {
    LinkedHashSet<String> columns = new LinkedHashSet<>();
    for (Measure m : measures) {
      if (m.needsMoments()) {
        columns.add(m.column());
      }
    }
    return List.copyOf(columns);
  }

  /** The HISTOGRAM measures, in order. */
  public List<Measure> histograms() {
    return measures.stream().filter(m -> m.kind() == MeasureKind.HISTOGRAM).toList();
  }

  /** Assembles a query; {@link #build()} validates. */
  public static final class Builder {
    private final List<Filter> filters = new ArrayList<>();
    private final List<Measure> measures = new ArrayList<>();
    private GroupBy groupBy;
    private int scale = DEFAULT_SCALE;

    private Builder() {}

    public Builder where(Filter filter) {
      filters.add(filter);
      return this;
    }

    public Builder groupBy(String column, String... keys) {
      this.groupBy = GroupBy.of(column, keys);
      return this;
    }

    public Builder groupBy(GroupBy groupBy) {
      this.groupBy = groupBy;
      return this;
    }

    public Builder measure(Measure measure) {
      measures.add(measure);
      return this;
    }

    public Builder scale(int scale) {
      this.scale = scale;
      return this;
    }

    public AggregateQuery build() {
      return new AggregateQuery(filters, groupBy, measures, scale);
    }
  }
}
