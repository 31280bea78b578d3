package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.dirchain.coordinator.api.ThreeNodeJobs.REGIONS;
import static org.dirchain.coordinator.api.ThreeNodeJobs.REGISTRY_DATA;
import static org.dirchain.coordinator.api.ThreeNodeJobs.REGISTRY_MIN_CELL;
import static org.dirchain.coordinator.api.ThreeNodeJobs.awaitJob;
import static org.dirchain.coordinator.api.ThreeNodeJobs.registryGrant;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.coordinator.api.ThreeNodeJobs.RegistryPatient;
import org.dirchain.coordinator.web.ProblemTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A hostile partner with ordinary approved grants on three patient registries published under a
 * strict release policy (DP required, epsilon 0.1..1 per job and 3 per organisation, cells of at
 * least 10, at most 20 cells, patient_id an identifier, age a quasi-identifier). Each attack must
 * fail: refused with a specific problem before anything goes on chain (no job, no quota or epsilon
 * spent), or answered only with noise and suppression that the test shows are there.
 */
class HostileRequesterAttacksTest extends ApiTestBase {
    private static final List<String> STATS = List.of("COUNT", "SUM", "MEAN", "HISTOGRAM");

    @BeforeEach
    void registries() {
        keyOf(OPERATOR);
        ThreeNodeJobs.start(this::as);
    }

    @Test
    void groupingByTheIdentifierToReadEachPatientIsRefused() {
        long grant = registryGrant(this::as, REQUESTER, 0, STATS, 3000);
        Unchanged before = unchanged(grant);
        Map<String, Object> query = new LinkedHashMap<>();
        List<String> ids = REGISTRY_DATA.get(0).stream().limit(256).map(RegistryPatient::id).toList();
        query.put("groupBy", "patient_id");
        query.put("groups", ids);
        query.put("measures", List.of(Map.of("kind", "SUM", "column", "hba1c"), Map.of("kind", "SUM", "column", "age")));
        Map<String, Object> body = noisy(job(List.of(grant), query), "0.5");
        body.put("clamps", List.of(Map.of("column", "hba1c", "lower", 0, "upper", 20),
                Map.of("column", "age", "lower", 0, "upper", 120)));

        ApiClient.Response r = as(REQUESTER).post("/api/v1/jobs", body);
        refusedByPolicy(r, "query.groupBy", "identifier");
        before.stillHolds();
    }

    @Test
    void theDifferencingPairOnAnIdentifierAndAnExactMatchOnAQuasiIdentifierAreRefused() {
        long grant = registryGrant(this::as, REQUESTER, 0, STATS, 3000);
        Unchanged before = unchanged(grant);
        String target = REGISTRY_DATA.get(0).get(1).id();
        Map<String, Object> notP1 = count(List.of(Map.of("column", "patient_id", "op", "NE", "values", List.of(target))));
        refusedByPolicy(as(REQUESTER).post("/api/v1/jobs", noisy(job(List.of(grant), notP1), "0.5")),
                "query.filters[0]", "identifier");
        Map<String, Object> age41 = count(List.of(Map.of("column", "age", "op", "EQ", "values", List.of("41"))));
        refusedByPolicy(as(REQUESTER).post("/api/v1/jobs", noisy(job(List.of(grant), age41), "0.5")),
                "query.filters[0]", "quasi-identifier");
        before.stillHolds();
    }

    @Test
    void aJobWithoutNoiseOrWithTooMuchEpsilonIsRefused() {
        long grant = registryGrant(this::as, REQUESTER, 0, STATS, 3000);
        Unchanged before = unchanged(grant);
        Map<String, Object> byRegion = byRegion();
        refusedByPolicy(as(REQUESTER).post("/api/v1/jobs", job(List.of(grant), byRegion)), "epsilon",
                "requires differential privacy");
        refusedByPolicy(as(REQUESTER).post("/api/v1/jobs", noisy(job(List.of(grant), byRegion), "0")), "epsilon",
                "requires differential privacy");
        refusedByPolicy(as(REQUESTER).post("/api/v1/jobs", noisy(job(List.of(grant), byRegion), "1.5")), "epsilon",
                "[0.1, 1]");
        before.stillHolds();
    }

    @Test
    void fractionalClampsOnAnIntegerColumnAreRefused() {
        long grant = registryGrant(this::as, REQUESTER, 0, STATS, 3000);
        Unchanged before = unchanged(grant);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("measures", List.of(Map.of("kind", "SUM", "column", "outcome")));
        Map<String, Object> body = noisy(job(List.of(grant), query), "0.5");
        body.put("clamps", List.of(Map.of("column", "outcome", "lower", 0.001, "upper", 0.002)));
        refusedByPolicy(as(REQUESTER).post("/api/v1/jobs", body), "clamps[0]", "must be integers");
        before.stillHolds();
    }

    @Test
    void moreCellsThanThePolicyAllowsAreRefused() {
        long grant = registryGrant(this::as, REQUESTER, 0, STATS, 3000);
        Unchanged before = unchanged(grant);
        Map<String, Object> query = new LinkedHashMap<>();
        List<Double> edges = new ArrayList<>();
        for (int e = 0; e <= 20; e++) {
            edges.add(5.0 + e * 0.25);
        }
        query.put("measures", List.of(Map.of("kind", "HISTOGRAM", "column", "hba1c", "bucketEdges", edges)));
        Map<String, Object> body = noisy(job(List.of(grant), query), "0.5");
        body.put("clamps", List.of(Map.of("column", "hba1c", "lower", 0, "upper", 20)));
        refusedByPolicy(as(REQUESTER).post("/api/v1/jobs", body), "query.measures[0].bucketEdges", "at most 20");
        before.stillHolds();
    }

    @Test
    void twoGrantsOfOneOrganisationCannotSpendMoreThanItsBudgetOnTheAsset() {
        // each grant has 2.0 of its own, the organisation 3.0 on the asset in all
        long first = registryGrant(this::as, OTHER_REQUESTER, 2, STATS, 2000);
        long second = registryGrant(this::as, OTHER_REQUESTER, 2, STATS, 2000);
        for (long grant : List.of(first, second, second)) {
            ApiClient.Response ok = as(OTHER_REQUESTER).post("/api/v1/jobs",
                    noisy(job(List.of(grant), byRegion()), "1"));
            assertThat(ok.status()).as(ok.toString()).isEqualTo(202);
        }
        Unchanged before = unchanged(first);
        ApiClient.Response over = as(OTHER_REQUESTER).post("/api/v1/jobs", noisy(job(List.of(first), byRegion()), "0.5"));
        assertThat(over.status()).as(over.toString()).isEqualTo(409);
        assertThat(over.problemType()).isEqualTo(ProblemTypes.CONTRACT_PREFIX + "RequesterEpsilonBudgetExceeded");
        assertThat(over.json().path("arguments").path("remainingMilli").asLong()).isZero();
        before.stillHolds();
    }

    @Test
    void aBucketHoldingAFewPatientsIsNeverReleasedExactly() {
        List<Long> grants = List.of(registryGrant(this::as, REQUESTER, 0, STATS, 3000),
                registryGrant(this::as, REQUESTER, 1, STATS, 3000), registryGrant(this::as, REQUESTER, 2, STATS, 3000));
        // the narrowest bucket around the rarest value: a handful of patients fall in it
        Map<Double, Long> counts = new java.util.TreeMap<>();
        REGISTRY_DATA.stream().flatMap(List::stream).forEach(p -> counts.merge(p.hba1c(), 1L, Long::sum));
        double x = counts.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long exact = counts.get(x);
        assertThat(exact).as("the bucket is small").isBetween(1L, (long) REGISTRY_MIN_CELL - 1);
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("measures", List.of(Map.of("kind", "HISTOGRAM", "column", "hba1c", "bucketEdges", List.of(x, x + 0.001))));
        Map<String, Object> body = managed(noisy(job(grants, query), "1"));
        body.put("clamps", List.of(Map.of("column", "hba1c", "lower", 0, "upper", 20)));
        JsonNode statistics = settledStatistics(body);
        long released = statistics.path("groups").get(0).path("measures").get(0).path("histogram").path("buckets")
                .get(0).asLong();
        // each node releases its count of the bucket only when its noisy count reaches the minimum cell size
        assertThat(released).as("released " + released + ", exact " + exact).isNotEqualTo(exact)
                .satisfiesAnyOf(v -> assertThat(v).isZero(), v -> assertThat(v).isGreaterThanOrEqualTo(REGISTRY_MIN_CELL));
    }

    @Test
    void allowedStatisticsComeWithNoiseTheRequesterCanSee() {
        List<Long> grants = List.of(registryGrant(this::as, REQUESTER, 0, STATS, 3000),
                registryGrant(this::as, REQUESTER, 1, STATS, 3000), registryGrant(this::as, REQUESTER, 2, STATS, 3000));
        Map<String, Object> query = byRegion();
        query.put("filters", List.of(Map.of("column", "age", "op", "BETWEEN", "values", List.of("18", "90"))));
        query.put("measures", List.of(Map.of("kind", "COUNT"), Map.of("kind", "SUM", "column", "hba1c"),
                Map.of("kind", "SUM", "column", "outcome")));
        Map<String, Object> body = managed(noisy(job(grants, query), "1"));
        body.put("clamps", List.of(Map.of("column", "hba1c", "lower", 0, "upper", 20),
                Map.of("column", "outcome", "lower", 0, "upper", 1)));
        JsonNode statistics = settledStatistics(body);
        int exactCells = 0;
        for (JsonNode g : statistics.path("groups")) {
            long exact = REGISTRY_DATA.stream().flatMap(List::stream)
                    .filter(p -> p.region().equals(g.path("group").asText())).count();
            exactCells += g.path("rows").asLong() == exact ? 1 : 0;
            assertThat(g.path("rows").asLong()).as("noisy count near " + exact).isBetween(exact - 200, exact + 200);
        }
        // epsilon 1 over 7 statistics: discrete Laplace of scale 7 on each node's count; three sums all exact: p ~ 1e-5
        assertThat(exactCells).as("counts released with noise").isLessThan(REGIONS.length);
        assertThat(statistics.path("epsilon").decimalValue()).isEqualByComparingTo("1");
    }

    @Test
    void anOversizedHomomorphicKeyIsRefusedBeforeAnythingIsParsedOrSpent() {
        long grant = registryGrant(this::as, REQUESTER, 0, STATS, 3000);
        Unchanged before = unchanged(grant);
        int bits = 65_520;
        int l = bits / 8;
        byte[] key = new byte[5 + 4 + 3 * l];
        new java.security.SecureRandom().nextBytes(key);
        java.nio.ByteBuffer.wrap(key).put((byte) 'H').put((byte) 'E').put((byte) 1).put((byte) 1).put((byte) 1)
                .putShort((short) bits).putShort((short) bits);
        Map<String, Object> body = noisy(job(List.of(grant), byRegion()), "0.5");
        body.put("hePublicKey", java.util.Base64.getEncoder().encodeToString(key));
        ApiClient.Response r = as(REQUESTER).post("/api/v1/jobs", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorFields()).containsExactly("hePublicKey");
        assertThat(r.toString()).contains("65520 bits is not supported");
        before.stillHolds();
    }

    // ---- helpers -------------------------------------------------------------------------

    private static Map<String, Object> byRegion() {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("groupBy", "region");
        query.put("groups", List.of(REGIONS));
        query.put("measures", new ArrayList<>(List.of(Map.of("kind", "COUNT"))));
        return query;
    }

    private static Map<String, Object> count(List<Map<String, Object>> filters) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("filters", filters);
        query.put("measures", List.of(Map.of("kind", "COUNT")));
        return query;
    }

    private static Map<String, Object> job(List<Long> grants, Map<String, Object> query) {
        Map<String, Object> body = ThreeNodeJobs.jobBody(grants, grants.size());
        body.put("query", query);
        return body;
    }

    private static Map<String, Object> noisy(Map<String, Object> body, String epsilon) {
        body.put("epsilon", epsilon);
        return body;
    }

    private static Map<String, Object> managed(Map<String, Object> body) {
        body.remove("heScheme");
        body.remove("hePublicKey");
        body.put("keyMode", "MANAGED");
        return body;
    }

    private JsonNode settledStatistics(Map<String, Object> body) {
        ApiClient.Response submitted = as(REQUESTER).post("/api/v1/jobs", body);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        JsonNode done = awaitJob(as(REQUESTER), submitted.id(), j -> j.path("chainStatus").asText().matches("SETTLED|FAILED"));
        assertThat(done.path("chainStatus").asText()).as(done.toString()).isEqualTo("SETTLED");
        ApiClient.Response statistics = as(REQUESTER).get("/api/v1/jobs/" + submitted.id() + "/statistics");
        assertThat(statistics.status()).as(statistics.toString()).isEqualTo(200);
        return statistics.json();
    }

    private static void refusedByPolicy(ApiClient.Response r, String field, String reason) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problemType()).as(r.toString()).isEqualTo(ProblemTypes.RELEASE_POLICY);
        assertThat(r.errorFields()).as(r.toString()).containsExactly(field);
        assertThat(r.json().path("detail").asText()).as(r.toString()).contains(reason);
    }

    /** What a refused submission must not change: jobs on chain, the grant's quota and epsilon. */
    private Unchanged unchanged(long grant) {
        return new Unchanged(grant, F.as(DirectoryFixture.OUTSIDER).jobs().count(),
                F.as(DirectoryFixture.OUTSIDER).grants().grant(grant));
    }

    private record Unchanged(long grantId, long jobsOnChain, org.dirchain.chain.model.Grant grant) {
        void stillHolds() {
            assertThat(F.as(DirectoryFixture.OUTSIDER).jobs().count()).as("no job on chain").isEqualTo(jobsOnChain);
            var now = F.as(DirectoryFixture.OUTSIDER).grants().grant(grantId);
            assertThat(now.jobsUsed()).as("quota").isEqualTo(grant.jobsUsed());
            assertThat(now.epsilonSpentMilli()).as("epsilon").isEqualTo(grant.epsilonSpentMilli());
        }
    }
}
