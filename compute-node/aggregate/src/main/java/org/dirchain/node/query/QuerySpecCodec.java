package org.dirchain.node.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON form of an {@link AggregateQuery}:
 *
 * <pre>
 * {"filters":[{"column":"age","op":"BETWEEN","values":["40","60"]}],
 *  "groupBy":{"column":"region","keys":["north","south"]},
 *  "kind":"aggregate",
 *  "measures":[{"kind":"COUNT"},{"column":"hba1c","kind":"MEAN"},
 *              {"column":"age","edges":["40","50","60"],"kind":"HISTOGRAM"}],
 *  "scale":6,"version":1}
 * </pre>
 *
 * Canonical: keys sorted, no whitespace, {@code groupBy} absent when not grouped, a measure's
 * {@code column}/{@code edges} absent when it has none, strings escaped as Jackson does by default.
 * Parsing is strict: unknown or duplicate keys, wrong JSON types and trailing content are refused.
 */
final class QuerySpecCodec {

  static final String KIND = "aggregate";
  static final int VERSION = 1;
  static final int MAX_SPEC_CHARS = 256 * 1024;

  private static final ObjectMapper MAPPER = new ObjectMapper(
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private QuerySpecCodec() {}

  static String toCanonicalJson(AggregateQuery q) {
    Map<String, Object> root = new TreeMap<>();
    root.put("kind", KIND);
    root.put("version", VERSION);
    root.put("scale", q.scale());
    List<Object> filters = new ArrayList<>();
    for (Filter f : q.filters()) {
      Map<String, Object> m = new TreeMap<>();
      m.put("column", f.column());
      m.put("op", f.op().name());
      m.put("values", f.values());
      filters.add(m);
    }
    root.put("filters", filters);
    if (q.groupBy() != null) {
      Map<String, Object> g = new TreeMap<>();
      g.put("column", q.groupBy().column());
      g.put("keys", q.groupBy().keys());
      root.put("groupBy", g);
    }
    List<Object> measures = new ArrayList<>();
    for (Measure measure : q.measures()) {
      Map<String, Object> m = new TreeMap<>();
      m.put("kind", measure.kind().name());
      if (measure.column() != null) {
        m.put("column", measure.column());
      }
      if (!measure.edges().isEmpty()) {
        m.put("edges", measure.edges());
      }
      measures.add(m);
    }
    root.put("measures", measures);
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a query spec", e);
    }
  }

  static AggregateQuery parse(String json) {
    if (json == null || json.length() > MAX_SPEC_CHARS) {
      throw new InvalidQueryException("query spec is missing or longer than " + MAX_SPEC_CHARS + " characters");
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidQueryException("query spec is not valid JSON: " + e.getOriginalMessage(), e);
    }
    requireObject(root, "query spec", Set.of("kind", "version", "scale", "filters", "groupBy", "measures"));
    if (!KIND.equals(string(root, "kind", "query spec"))) {
      throw new InvalidQueryException("query spec kind must be \"" + KIND + "\"");
    }
    if (integer(root, "version", "query spec") != VERSION) {
      throw new InvalidQueryException("unsupported query spec version (this node reads version " + VERSION + ")");
    }
    int scale = integer(root, "scale", "query spec");
    List<Filter> filters = new ArrayList<>();
    for (JsonNode f : array(root, "filters", "query spec")) {
      requireObject(f, "filter", Set.of("column", "op", "values"));
      String op = string(f, "op", "filter");
      Operator operator;
      try {
        operator = Operator.valueOf(op);
      } catch (IllegalArgumentException e) {
        throw new InvalidQueryException("unknown filter operator '" + op + "'", e);
      }
      filters.add(new Filter(string(f, "column", "filter"), operator, strings(f, "values", "filter")));
    }
    GroupBy groupBy = null;
    if (root.has("groupBy")) {
      JsonNode g = root.get("groupBy");
      requireObject(g, "groupBy", Set.of("column", "keys"));
      groupBy = new GroupBy(string(g, "column", "groupBy"), strings(g, "keys", "groupBy"));
    }
    List<Measure> measures = new ArrayList<>();
    for (JsonNode m : array(root, "measures", "query spec")) {
      requireObject(m, "measure", Set.of("kind", "column", "edges"));
      String kind = string(m, "kind", "measure");
      MeasureKind measureKind;
      try {
        measureKind = MeasureKind.valueOf(kind);
      } catch (IllegalArgumentException e) {
        throw new InvalidQueryException("unknown measure kind '" + kind + "'", e);
      }
      String column = m.has("column") ? string(m, "column", "measure") : null;
      List<String> edges = m.has("edges") ? strings(m, "edges", "measure") : List.of();
      measures.add(new Measure(measureKind, column, edges));
    }
    return new AggregateQuery(filters, groupBy, measures, scale);
  }

  private static void requireObject(JsonNode node, String what, Set<String> allowed) {
    if (node == null || !node.isObject()) {
      throw new InvalidQueryException(what + " must be a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        throw new InvalidQueryException(what + " has an unknown key '" + key + "' (allowed: " + new java.util.TreeSet<>(allowed) + ")");
      }
    }
  }

  private static JsonNode field(JsonNode node, String key, String what) {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      throw new InvalidQueryException(what + " is missing '" + key + "'");
    }
    return v;
  }

  private static String string(JsonNode node, String key, String what) {
    JsonNode v = field(node, key, what);
    if (!v.isTextual()) {
      throw new InvalidQueryException(what + " '" + key + "' must be a JSON string");
    }
    return v.textValue();
  }

  private static int integer(JsonNode node, String key, String what) {
    JsonNode v = field(node, key, what);
    if (!v.isInt()) {
      throw new InvalidQueryException(what + " '" + key + "' must be a JSON integer");
    }
    return v.intValue();
  }

  private static Iterable<JsonNode> array(JsonNode node, String key, String what) {
    JsonNode v = field(node, key, what);
    if (!v.isArray()) {
      throw new InvalidQueryException(what + " '" + key + "' must be a JSON array");
    }
    return v;
  }

  private static List<String> strings(JsonNode node, String key, String what) {
    List<String> out = new ArrayList<>();
    for (JsonNode v : array(node, key, what)) {
      if (!v.isTextual()) {
        throw new InvalidQueryException(what + " '" + key + "' must hold JSON strings (numbers are written as strings)");
      }
      out.add(v.textValue());
    }
    return out;
  }
}
