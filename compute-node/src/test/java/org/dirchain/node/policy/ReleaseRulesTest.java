package org.dirchain.node.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.node.data.TableSchema;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.Filter;
import org.dirchain.node.query.Measure;
import org.junit.jupiter.api.Test;

class ReleaseRulesTest {
    static final TableSchema SCHEMA = TableSchema.parse("patient_id:TEXT,age:INTEGER,region:TEXT,hba1c:DECIMAL,stage:INTEGER");
    /** patient_id an identifier, age a quasi-identifier (ranges allowed), DP 0.1..1, 5 cells. */
    static final ReleasePolicy STRICT = new ReleasePolicy(true, 100, 1_000, 3_000, 10, 5, false, true, Set.of(0),
            Set.of(1));
    static final ReleaseRules RULES = new ReleaseRules(SCHEMA, STRICT, 7);

    static PolicyViolation refused(AggregateQuery q, Map<String, BigDecimal[]> clamps, long eps) {
        return assertThrows(PolicyViolation.class, () -> RULES.checkAggregate(q, clamps, eps));
    }

    static AggregateQuery count(Filter... filters) {
        AggregateQuery.Builder b = AggregateQuery.builder().measure(Measure.count());
        for (Filter f : filters) {
            b.where(f);
        }
        return b.build();
    }

    @Test
    void aPermittedQueryPasses() {
        AggregateQuery q = AggregateQuery.builder().where(Filter.between("age", "40", "60"))
                .groupBy("region", "north", "south").measure(Measure.count()).measure(Measure.mean("hba1c")).build();
        assertDoesNotThrow(() -> RULES.checkAggregate(q, clamp("hba1c", "0", "20"), 500));
    }

    @Test
    void epsilonMustBeInThePerJobRangeWhenDpIsRequired() {
        assertEquals("epsilon", refused(count(), Map.of(), 0).field());
        assertEquals("epsilon", refused(count(), Map.of(), 99).field());
        assertEquals("epsilon", refused(count(), Map.of(), 1_001).field());
        assertDoesNotThrow(() -> new ReleaseRules(SCHEMA, ReleasePolicy.open(10), 7).checkAggregate(count(), Map.of(), 0));
    }

    @Test
    void identifiersAreNeverFilteredGroupedOrMeasured() {
        assertEquals("query.filters[0]", refused(count(Filter.ne("patient_id", "P1")), Map.of(), 500).field());
        assertEquals("query.filters[1]", refused(count(Filter.gt("age", "3"), Filter.in("patient_id", "P1", "P2")),
                Map.of(), 500).field());
        PolicyViolation g = refused(AggregateQuery.builder().groupBy("patient_id", "P1").measure(Measure.count()).build(),
                Map.of(), 500);
        assertEquals("query.groupBy", g.field());
        assertTrue(g.getMessage().contains("identifier"), g.getMessage());
        assertEquals("query.measures[0].column", refused(AggregateQuery.builder()
                .measure(Measure.histogram("patient_id", "1", "2")).build(), Map.of(), 500).field());
    }

    @Test
    void quasiIdentifiersTakeRangesOnlyAndNoGrouping() {
        assertEquals("query.filters[0]", refused(count(Filter.eq("age", "41")), Map.of(), 500).field());
        assertEquals("query.filters[0]", refused(count(Filter.ne("age", "41")), Map.of(), 500).field());
        assertDoesNotThrow(() -> RULES.checkAggregate(count(Filter.le("age", "41")), Map.of(), 500));
        ReleaseRules noRanges = new ReleaseRules(SCHEMA, new ReleasePolicy(true, 100, 1_000, 3_000, 10, 5, false, false,
                Set.of(0), Set.of(1)), 7);
        PolicyViolation v = assertThrows(PolicyViolation.class,
                () -> noRanges.checkAggregate(count(Filter.le("age", "41")), Map.of(), 500));
        assertEquals("query.filters[0]", v.field());
    }

    @Test
    void aQuasiIdentifierTakesNoOneValueRangeAndNoNoiselessHistogram() {
        assertEquals("query.filters[0]", refused(count(Filter.between("age", "45", "45.0")), Map.of(), 500).field());
        ReleaseRules open = new ReleaseRules(SCHEMA, new ReleasePolicy(false, 0, 1_000, 3_000, 10, 50, false, true,
                Set.of(0), Set.of(1)), 7);
        AggregateQuery ages = AggregateQuery.builder().measure(Measure.histogram("age", "40", "41", "42")).build();
        assertEquals("query.measures[0].column", assertThrows(PolicyViolation.class,
                () -> open.checkAggregate(ages, Map.of(), 0)).field());
        assertDoesNotThrow(() -> open.checkAggregate(ages, Map.of(), 500), "with noise it is an ordinary DP histogram");
    }

    @Test
    void integerGroupKeysNamingOneValueTwiceAreRefused() {
        ReleaseRules integerGroups = new ReleaseRules(SCHEMA, new ReleasePolicy(true, 100, 1_000, 3_000, 10, 5, true,
                true, Set.of(0), Set.of(1)), 7);
        AggregateQuery twice = AggregateQuery.builder().groupBy("stage", "1", "01", "2").measure(Measure.count()).build();
        PolicyViolation v = assertThrows(PolicyViolation.class, () -> integerGroups.checkAggregate(twice, Map.of(), 500));
        assertEquals("query.groups", v.field());
        assertTrue(v.getMessage().contains("'01'"), v.getMessage());
    }

    @Test
    void groupingIsByTextOrWhereAllowedByInteger() {
        AggregateQuery byStage = AggregateQuery.builder().groupBy("stage", "1", "2").measure(Measure.count()).build();
        assertEquals("query.groupBy", refused(byStage, Map.of(), 500).field());
        ReleaseRules integerGroups = new ReleaseRules(SCHEMA, new ReleasePolicy(true, 100, 1_000, 3_000, 10, 5, true,
                true, Set.of(0), Set.of(1)), 7);
        assertDoesNotThrow(() -> integerGroups.checkAggregate(byStage, Map.of(), 500));
        AggregateQuery badKey = AggregateQuery.builder().groupBy("stage", "1", "2.5").measure(Measure.count()).build();
        assertEquals("query.groups", assertThrows(PolicyViolation.class,
                () -> integerGroups.checkAggregate(badKey, Map.of(), 500)).field());
        assertEquals("query.groupBy", refused(AggregateQuery.builder().groupBy("hba1c", "7").measure(Measure.count())
                .build(), Map.of(), 500).field());
    }

    @Test
    void cellsAreBoundedForGroupsAndHistogramBuckets() {
        AggregateQuery six = AggregateQuery.builder().groupBy("region", "a", "b", "c", "d", "e", "f")
                .measure(Measure.count()).build();
        assertEquals("query.groups", refused(six, Map.of(), 500).field());
        // 2 groups x (2 buckets + underflow + overflow) = 8 cells > 5
        AggregateQuery histogram = AggregateQuery.builder().groupBy("region", "a", "b")
                .measure(Measure.histogram("hba1c", "5", "7", "9")).build();
        assertEquals("query.measures[0].bucketEdges", refused(histogram, clamp("hba1c", "0", "20"), 500).field());
    }

    @Test
    void clampsMustBeExactInTheColumnsType() {
        AggregateQuery sum = AggregateQuery.builder().measure(Measure.sum("stage")).build();
        PolicyViolation v = refused(sum, clamp("stage", "0.001", "0.002"), 500);
        assertEquals("clamps[0]", v.field());
        assertTrue(v.getMessage().contains("integers"), v.getMessage());
        assertEquals("clamps[0]", refused(sum, clamp("stage", "3", "3"), 500).field());
        assertEquals("clamps[0].column", refused(sum, clamp("region", "0", "1"), 500).field());
        assertDoesNotThrow(() -> RULES.checkAggregate(sum, clamp("stage", "0", "4.000"), 500));
        assertEquals("clamps[0]", refused(sum, clamp("stage", "0", "1e20"), 500).field());
    }

    @Test
    void unknownColumnsAreNamed() {
        PolicyViolation v = refused(count(Filter.gt("weight", "3")), Map.of(), 500);
        assertEquals("query.filters[0]", v.field());
        assertTrue(v.getMessage().contains("no column 'weight'"), v.getMessage());
    }

    @Test
    void trainingNeverUsesAnIdentifierAndFiltersFollowTheSameRules() {
        assertEquals("features[1]", assertThrows(PolicyViolation.class, () -> RULES.checkTraining(
                List.of("hba1c", "patient_id"), "stage", List.of(), Map.of(), 500)).field());
        assertEquals("filters[0]", assertThrows(PolicyViolation.class, () -> RULES.checkTraining(
                List.of("hba1c"), "stage", List.of(Filter.eq("age", "41")), Map.of(), 500)).field());
        assertEquals("epsilon", assertThrows(PolicyViolation.class, () -> RULES.checkTraining(
                List.of("hba1c"), "stage", List.of(), Map.of(), 0)).field());
    }

    static Map<String, BigDecimal[]> clamp(String column, String lower, String upper) {
        Map<String, BigDecimal[]> out = new LinkedHashMap<>();
        out.put(column, new BigDecimal[] {new BigDecimal(lower), new BigDecimal(upper)});
        return out;
    }
}
