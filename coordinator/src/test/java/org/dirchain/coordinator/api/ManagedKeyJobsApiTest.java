package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.dirchain.coordinator.api.ThreeNodeJobs.DATA;
import static org.dirchain.coordinator.api.ThreeNodeJobs.REGIONS;
import static org.dirchain.coordinator.api.ThreeNodeJobs.awaitJob;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import org.dirchain.coordinator.api.ThreeNodeJobs.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The managed key mode: a partner with nothing but an HTTP client submits a job without a key of
 * its own and reads plain statistics; the coordinator decrypts with the organisation's key from the
 * secret store — the sum only, as every node's partial is masked.
 */
class ManagedKeyJobsApiTest extends ApiTestBase {

    @BeforeEach
    void nodes() {
        keyOf(OPERATOR);
        ThreeNodeJobs.start(this::as);
    }

    private Map<String, Object> managedBody() {
        Map<String, Object> body = ThreeNodeJobs.jobBody(ThreeNodeJobs.approvedGrants(this::as), 3);
        body.remove("heScheme");
        body.remove("hePublicKey");
        body.put("keyMode", "MANAGED");
        return body;
    }

    @Test
    void aManagedKeyJobServesStatisticsEqualToThePooledAnswerToItsRequesterOnly() {
        ApiClient.Response submitted = as(REQUESTER).post("/api/v1/jobs", managedBody());
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        long job = submitted.id();
        JsonNode settled = awaitJob(as(REQUESTER), job, j -> j.path("chainStatus").asText().matches("SETTLED|FAILED"));
        assertThat(settled.path("chainStatus").asText()).as(settled.toString()).isEqualTo("SETTLED");

        ApiClient.Response statistics = as(REQUESTER).get("/api/v1/jobs/" + job + "/statistics");
        assertThat(statistics.status()).as(statistics.toString()).isEqualTo(200);
        JsonNode groups = statistics.json().path("groups");
        assertThat(groups).hasSize(REGIONS.length);
        List<Patient> pooled = DATA.stream().flatMap(List::stream).filter(p -> p.age() >= 40 && p.age() <= 60).toList();
        for (JsonNode g : groups) {
            List<Double> values = pooled.stream().filter(p -> p.region().equals(g.path("group").asText()))
                    .map(Patient::hba1c).toList();
            assertThat(g.path("rows").asLong()).as("count in " + g.path("group")).isEqualTo(values.size());
            BigDecimal mean = values.stream().map(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128);
            JsonNode meanStat = g.path("measures").get(1);
            assertThat(meanStat.path("kind").asText()).isEqualTo("MEAN");
            // exact on the server (34 digits); this client reads JSON numbers as doubles
            assertThat(meanStat.path("value").asDouble()).as("mean in " + g.path("group"))
                    .isCloseTo(mean.doubleValue(), org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(statistics.json().path("contributions").asInt()).isEqualTo(3);
        // the encrypted result (whose hash is settled) is still there; nobody else reads either
        assertThat(as(REQUESTER).get("/api/v1/jobs/" + job + "/result").status()).isEqualTo(200);
        assertThat(as(OTHER_REQUESTER).get("/api/v1/jobs/" + job + "/statistics").status()).isEqualTo(404);
    }

    @Test
    void aDifferentiallyPrivateManagedJobServesNoisyButConsistentStatistics() {
        Map<String, Object> body = managedBody();
        body.put("epsilon", new BigDecimal("1"));
        body.put("clamps", List.of(Map.of("column", "hba1c", "lower", 0, "upper", 20)));
        long job = as(REQUESTER).post("/api/v1/jobs", body).id();
        awaitJob(as(REQUESTER), job, j -> j.path("chainStatus").asText().matches("SETTLED|FAILED"));
        JsonNode statistics = as(REQUESTER).get("/api/v1/jobs/" + job + "/statistics").json();
        assertThat(statistics.path("epsilon").decimalValue()).isEqualByComparingTo("1");
        List<Patient> pooled = DATA.stream().flatMap(List::stream).filter(p -> p.age() >= 40 && p.age() <= 60).toList();
        for (JsonNode g : statistics.path("groups")) {
            long exact = pooled.stream().filter(p -> p.region().equals(g.path("group").asText())).count();
            assertThat(g.path("rows").asLong()).as("noisy count").isBetween(0L, exact + 200).isCloseTo(exact,
                    org.assertj.core.api.Assertions.within(200L));
        }
    }

    @Test
    void aClientKeyJobHasNoStatisticsAndAManagedJobTakesNoKeyOfTheCallers() {
        long job = as(REQUESTER).post("/api/v1/jobs", ThreeNodeJobs.jobBody(ThreeNodeJobs.approvedGrants(this::as), 3)).id();
        awaitJob(as(REQUESTER), job, j -> j.path("resultAvailable").asBoolean() || "FAILED".equals(j.path("status").asText()));
        ApiClient.Response refused = as(REQUESTER).get("/api/v1/jobs/" + job + "/statistics");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.toString()).contains("client-side-key").contains("decrypt it with your secret key");

        Map<String, Object> both = managedBody();
        both.put("hePublicKey", "AAAA");
        ApiClient.Response invalid = as(REQUESTER).post("/api/v1/jobs", both);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.toString()).contains("hePublicKey").contains("MANAGED");
    }
}
