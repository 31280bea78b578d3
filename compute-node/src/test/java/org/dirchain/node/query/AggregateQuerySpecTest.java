package org.dirchain.node.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.dirchain.chain.model.Hash32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AggregateQuerySpecTest {

  static final AggregateQuery EXAMPLE = AggregateQuery.builder()
      .where(Filter.between("age", "40", "60"))
      .where(Filter.gt("hba1c", "7"))
      .groupBy("region", "north", "south")
      .measure(Measure.count())
      .measure(Measure.mean("hba1c"))
      .measure(Measure.histogram("age", "40", "50", "60"))
      .build();

  static final String EXAMPLE_JSON = "{\"filters\":[{\"column\":\"age\",\"op\":\"BETWEEN\",\"values\":[\"40\",\"60\"]},"
      + "{\"column\":\"hba1c\",\"op\":\"GT\",\"values\":[\"7\"]}],"
      + "\"groupBy\":{\"column\":\"region\",\"keys\":[\"north\",\"south\"]},"
      + "\"kind\":\"aggregate\","
      + "\"measures\":[{\"kind\":\"COUNT\"},{\"column\":\"hba1c\",\"kind\":\"MEAN\"},"
      + "{\"column\":\"age\",\"edges\":[\"40\",\"50\",\"60\"],\"kind\":\"HISTOGRAM\"}],"
      + "\"scale\":6,\"version\":1}";

  @Test
  void canonicalFormIsCompactWithSortedKeys() {
    assertEquals(EXAMPLE_JSON, EXAMPLE.canonicalJson());
  }

  @Test
  void specHashIsSha256OfTheCanonicalFormAndPinned() throws Exception {
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(EXAMPLE_JSON.getBytes(StandardCharsets.UTF_8));
    assertEquals(Hash32.of(sha), EXAMPLE.specHash());
    // Pinned: the chain holds this hash; it must not change between releases.
    assertEquals("0xbf474f2755efb53cb4b2ecf87185d589cd70ca6ba5dcac8c41afb4c5ba231e44", EXAMPLE.specHash().hex());
  }

  @Test
  void parsingIgnoresKeyOrderAndWhitespace() {
    String messy = """
        { "version": 1, "scale": 6, "kind": "aggregate",
          "measures": [ {"kind": "COUNT"}, {"kind": "MEAN", "column": "hba1c"},
                        {"edges": ["40", "50", "60"], "kind": "HISTOGRAM", "column": "age"} ],
          "groupBy": {"keys": ["north", "south"], "column": "region"},
          "filters": [ {"values": ["40", "60"], "op": "BETWEEN", "column": "age"},
                       {"op": "GT", "column": "hba1c", "values": ["7"]} ] }
        """;
    AggregateQuery parsed = AggregateQuery.parse(messy);
    assertEquals(EXAMPLE, parsed);
    assertEquals(EXAMPLE.specHash(), parsed.specHash());
    assertTrue(AggregateQuery.matches(messy, EXAMPLE.specHash()));
    assertEquals(EXAMPLE, AggregateQuery.parse(EXAMPLE.canonicalJson()));
  }

  @Test
  void anyChangeChangesTheHash() {
    List<AggregateQuery> variants = List.of(
        AggregateQuery.builder().where(Filter.between("age", "40", "61")).where(Filter.gt("hba1c", "7"))
            .groupBy("region", "north", "south").measure(Measure.count()).measure(Measure.mean("hba1c"))
            .measure(Measure.histogram("age", "40", "50", "60")).build(),
        AggregateQuery.builder().where(Filter.between("age", "40", "60")).where(Filter.gt("hba1c", "7"))
            .groupBy("region", "south", "north").measure(Measure.count()).measure(Measure.mean("hba1c"))
            .measure(Measure.histogram("age", "40", "50", "60")).build(),
        AggregateQuery.builder().where(Filter.between("age", "40", "60")).where(Filter.gt("hba1c", "7"))
            .groupBy("region", "north", "south").measure(Measure.count()).measure(Measure.mean("hba1c"))
            .measure(Measure.histogram("age", "40", "50", "60")).scale(4).build(),
        AggregateQuery.builder().where(Filter.between("age", "40", "60")).where(Filter.gt("hba1c", "7"))
            .measure(Measure.count()).measure(Measure.mean("hba1c"))
            .measure(Measure.histogram("age", "40", "50", "60")).build());
    for (AggregateQuery v : variants) {
      assertNotEquals(EXAMPLE.specHash(), v.specHash(), v.canonicalJson());
    }
    assertFalse(variants.get(3).canonicalJson().contains("groupBy"), "absent group-by is omitted");
  }

  @Test
  void textValuesSurviveEscaping() {
    AggregateQuery q = AggregateQuery.builder().where(Filter.in("note", "a\"b", "back\\slash", "東京", "line\nbreak", ""))
        .measure(Measure.count()).build();
    AggregateQuery back = AggregateQuery.parse(q.canonicalJson());
    assertEquals(q, back);
    assertEquals(q.specHash(), back.specHash());
  }

  private static void refused(String json, String fragment) {
    InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> AggregateQuery.parse(json), json);
    assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should mention '" + fragment + "'");
  }

  @Test
  void malformedSpecsAreRefused() {
    String ok = EXAMPLE_JSON;
    refused(ok.replace("\"scale\":6", "\"scale\":6,\"extra\":1"), "unknown key 'extra'");
    refused(ok.replace("\"scale\":6", "\"scale\":6,\"scale\":7"), "Duplicate field 'scale'");
    refused(ok.replace("[\"7\"]", "[7]"), "numbers are written as strings");
    refused(ok.replace("\"GT\"", "\"LIKE\""), "unknown filter operator 'LIKE'");
    refused(ok.replace("\"MEAN\"", "\"MEDIAN\""), "unknown measure kind 'MEDIAN'");
    refused(ok.replace("\"version\":1", "\"version\":2"), "unsupported query spec version");
    refused(ok.replace("\"aggregate\"", "\"training\""), "kind must be \"aggregate\"");
    refused(ok + "{}", "not valid JSON");
    refused("[1]", "must be a JSON object");
    refused("{\"kind\":\"aggregate\",\"version\":1,\"scale\":6,\"filters\":[]}", "missing 'measures'");
    refused(ok.replace("\"scale\":6", "\"scale\":\"6\""), "'scale' must be a JSON integer");
    refused(ok.replace("\"scale\":6", "\"scale\":6.5"), "'scale' must be a JSON integer");
    refused(ok.replace("[\"40\",\"60\"]", "[\"60\",\"40\"]"), "lower bound 60 is greater than upper bound 40");
    refused(ok.replace("\"keys\":[\"north\",\"south\"]", "\"keys\":[\"north\",\"north\"]"), "lists a key twice");
    refused("x".repeat(QuerySpecCodec.MAX_SPEC_CHARS + 1), "longer than");
  }

  private static void invalid(Executable build, String fragment) {
    InvalidQueryException e = assertThrows(InvalidQueryException.class, build);
    assertTrue(e.getMessage().contains(fragment), "'" + e.getMessage() + "' should mention '" + fragment + "'");
  }

  @Test
  void structurallyBadQueriesAreRefused() {
    invalid(() -> Filter.between("age", "60", "40"), "lower bound 60 is greater than upper bound 40");
    invalid(() -> Filter.gt("age", "abc"), "'abc' is not a number");
    invalid(() -> Filter.in("region"), "needs 1 to 1000 values");
    invalid(() -> Filter.in("region", "a", "a"), "lists a value twice");
    // A long number would be parsed (in time quadratic in its digits) before the job is verified.
    invalid(() -> Filter.between("age", "1".repeat(1_001), "2"), "value of 1001 characters; at most 1000");
    invalid(() -> Filter.eq("region", "x".repeat(2_000_000)), "value of 2000000 characters");
    assertEquals(1_000, Filter.lt("age", "9".repeat(1_000)).values().get(0).length());
    invalid(() -> new Filter("age", Operator.EQ, List.of("1", "2")), "takes 1 value, got 2");
    invalid(() -> new Filter("age; DROP", Operator.EQ, List.of("1")), "not a valid column name");
    invalid(() -> Measure.histogram("age", "50", "40"), "strictly ascending");
    invalid(() -> Measure.histogram("age", "40"), "needs 2 to");
    invalid(() -> new Measure(MeasureKind.COUNT, "age", List.of()), "takes no column");
    invalid(() -> new Measure(MeasureKind.SUM, null, List.of()), "needs a valid column name");
    invalid(() -> new Measure(MeasureKind.MEAN, "age", List.of("1", "2")), "takes no bucket edges");
    invalid(() -> AggregateQuery.builder().build(), "at least one measure");
    invalid(() -> AggregateQuery.builder().measure(Measure.count()).measure(Measure.count()).build(), "listed twice");
    invalid(() -> AggregateQuery.builder().measure(Measure.count()).scale(19).build(), "scale must be 0..18");
    invalid(() -> AggregateQuery.builder().groupBy("region").measure(Measure.count()).build(), "needs 1 to 1000 keys");
  }
}
