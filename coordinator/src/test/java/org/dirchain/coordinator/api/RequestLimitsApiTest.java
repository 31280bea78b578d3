package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.dirchain.coordinator.api.JobsApiTest.ids;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.dirchain.coordinator.CoordinatorProperties;
import org.dirchain.coordinator.web.ProblemTypes;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hostile sizes and rates over real HTTP: a body over the limit is 413 unread, a list over its
 * bound is a 400 naming it, a burst from one key is 429 with {@code Retry-After} while other keys
 * go on. Each refusal leaves nothing behind.
 */
class RequestLimitsApiTest extends ApiTestBase {
    private static final int IN_VALUES = 5_000_000;

    @Autowired
    CoordinatorProperties properties;

    @Test
    void aFiveMillionValueInFilterIs413UnreadWithNothingOnChainAndNoQuotaSpent() throws Exception {
        long grant = approvedGrant("Oversized bodies");
        long jobsOnChain = F.as(OUTSIDER).jobs().count();
        List<Long> listed = ids(as(REQUESTER).get("/api/v1/jobs"));
        long maxBytes = properties.maxRequestBody().toBytes();

        byte[] huge = jobBodyWithInValues(grant, IN_VALUES).getBytes(StandardCharsets.UTF_8);
        assertThat((long) huge.length).as("the body is far over the limit").isGreaterThan(100 * maxBytes);
        // a client that asks first (curl does above 1 MiB) is told 413 instead of "100 Continue"
        RawHttpPost.Answer asked = RawHttpPost.post(port, "/api/v1/jobs", keyOf(REQUESTER), huge, true);
        tooLarge(asked.status(), asked.contentType(), asked.json(), maxBytes);
        // one that just sends it is told 413 while it is still sending
        long start = System.nanoTime();
        RawHttpPost.Answer sent = RawHttpPost.post(port, "/api/v1/jobs", keyOf(REQUESTER), huge, false);
        System.out.printf("%d-value IN filter, %d MB: %d after %d ms%n", IN_VALUES, huge.length >> 20, sent.status(),
                (System.nanoTime() - start) / 1_000_000);
        tooLarge(sent.status(), sent.contentType(), sent.json(), maxBytes);

        String overByAFew = jobBodyWithInValues(grant, (int) (maxBytes / 4));
        tooLarge(as(REQUESTER).post("/api/v1/jobs", overByAFew), maxBytes);
        tooLarge(as(REQUESTER).postChunked("/api/v1/jobs", overByAFew), maxBytes);

        assertThat(F.as(OUTSIDER).jobs().count()).as("no job on chain").isEqualTo(jobsOnChain);
        assertThat(ids(as(REQUESTER).get("/api/v1/jobs"))).as("the requester's jobs").isEqualTo(listed);
        JsonNode g = as(REQUESTER).get("/api/v1/grants/" + grant).json();
        assertThat(g.path("jobsUsed").asInt()).as(g.toString()).isZero();
    }

    @Test
    void aBodyOfUnknownLengthUnderTheLimitIsServed() throws Exception {
        long asset = publishHospitalAsset("Chunked grant request");
        ApiClient.Response r = as(REQUESTER).postChunked("/api/v1/grants",
                ApiClient.JSON.writeValueAsString(grantBody(asset)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("assetId").asLong()).isEqualTo(asset);
    }

    @Test
    void aListOverItsBoundIsA400NamingTheField() throws Exception {
        long grant = approvedGrant("Over-long lists");
        long jobsOnChain = F.as(OUTSIDER).jobs().count();

        String inList = jobBodyWithInValues(grant, 1_001);
        ApiClient.Response r = as(REQUESTER).post("/api/v1/jobs", inList);
        invalid(r, "query.filters[0].values", "1000");

        Map<String, Object> job = ThreeNodeJobs.jobBody(List.of(grant), 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> query = (Map<String, Object>) job.get("query");
        query.put("groups", IntStream.range(0, 257).mapToObj(i -> "g" + i).toList());
        invalid(as(REQUESTER).post("/api/v1/jobs", job), "query.groups", "256");

        Map<String, Object> training = new LinkedHashMap<>();
        training.put("grants", List.of(grant));
        training.put("model", "LOGISTIC");
        training.put("features", IntStream.range(0, 257).mapToObj(i -> "x" + i).toList());
        training.put("label", "y");
        training.put("filters", List.of(Map.of("column", "age", "op", "IN",
                "values", IntStream.range(0, 1_001).mapToObj(Integer::toString).toList())));
        training.put("rounds", 5);
        training.put("learningRate", 0.1);
        training.put("quorum", 2);
        training.put("timeoutSeconds", 3600);
        training.put("feeWei", "0");
        ApiClient.Response t = as(REQUESTER).post("/api/v1/training-jobs", training);
        invalid(t, "features", "256");
        assertThat(t.errorFields()).contains("filters[0].values");

        assertThat(F.as(OUTSIDER).jobs().count()).as("no job on chain").isEqualTo(jobsOnChain);
        assertThat(as(REQUESTER).get("/api/v1/grants/" + grant).json().path("jobsUsed").asInt()).isZero();
    }

    @Test
    void aBurstFromOneKeyIs429WithRetryAfterWhileOtherKeysGoOn() throws Exception {
        CoordinatorProperties.RateLimit limit = properties.rateLimit();
        assertThat(limit.enabled()).as("the API tests run with the default limit").isTrue();
        // a key of its own: no other test's requests share its bucket, and it is left empty
        ApiClient.Response issued = regulator().post("/api/v1/admin/organisations/" + F.requesterOrg + "/api-keys",
                Map.of("label", "burst"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        ApiClient bursting = ApiClient.bearer(port, issued.json().path("apiKey").asText());

        int requests = 4 * limit.burst() + 40;
        List<ApiClient.Response> answers = concurrently(requests, () -> bursting.get("/api/v1/organisations"));
        List<ApiClient.Response> ok = answers.stream().filter(a -> a.status() == 200).toList();
        List<ApiClient.Response> limited = answers.stream().filter(a -> a.status() == 429).toList();
        System.out.printf("burst of %d from one key: %d answered, %d limited%n", requests, ok.size(), limited.size());
        assertThat(ok.size() + limited.size()).as("every answer is 200 or 429").isEqualTo(requests);
        assertThat(ok.size()).as("the whole burst goes through").isGreaterThanOrEqualTo(limit.burst());
        assertThat(limited).as("the rest is limited").isNotEmpty();
        for (ApiClient.Response r : limited) {
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.problemType()).isEqualTo(ProblemTypes.RATE_LIMITED);
            assertThat(r.json().path("status").asInt()).isEqualTo(429);
            assertThat(Long.parseLong(r.raw().headers().firstValue("Retry-After").orElseThrow())).isPositive();
        }

        assertThat(as(OTHER_REQUESTER).get("/api/v1/organisations").status())
                .as("another organisation's key is not limited").isEqualTo(200);
        assertThat(as(REQUESTER).get("/api/v1/organisations").status())
                .as("nor another key of the same organisation").isEqualTo(200);

        ApiClient.Response last = bursting.get("/api/v1/organisations");
        if (last.status() == 429) { // after the time it says, a token is back: refused requests cost none
            long seconds = Long.parseLong(last.raw().headers().firstValue("Retry-After").orElseThrow());
            LockSupport.parkNanos(Duration.ofSeconds(seconds).toNanos());
            last = bursting.get("/api/v1/organisations");
        }
        assertThat(last.status()).as(last.toString()).isEqualTo(200);
    }

    @Test
    void requestsWithoutAKeyAre401HoweverMany() throws Exception {
        ApiClient anonymous = ApiClient.anonymous(port);
        List<ApiClient.Response> answers = concurrently(2 * properties.rateLimit().burst(),
                () -> anonymous.get("/api/v1/organisations"));
        assertThat(answers).extracting(ApiClient.Response::status).containsOnly(401);
    }

    // ---- helpers -------------------------------------------------------------------------

    /** An approved grant of the requester on a new hospital asset (no compute node needed: no job runs). */
    private long approvedGrant(String title) {
        long asset = publishHospitalAsset(title);
        ApiClient.Response requested = as(REQUESTER).post("/api/v1/grants", grantBody(asset));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        ApiClient.Response approved = as(HOSPITAL).post("/api/v1/grants/" + requested.id() + "/approve", null);
        assertThat(approved.json().path("status").asText()).as(approved.toString()).isEqualTo("APPROVED");
        return requested.id();
    }

    /** A valid job body but for one IN filter with {@code n} distinct values, as JSON text. */
    private static String jobBodyWithInValues(long grant, int n) {
        Map<String, Object> body = ThreeNodeJobs.jobBody(List.of(grant), 1);
        @SuppressWarnings("unchecked")
        Map<String, Object> query = (Map<String, Object>) body.get("query");
        query.put("filters", List.of(Map.of("column", "region", "op", "IN", "values", List.of("VALUES"))));
        StringBuilder values = new StringBuilder(n * 12);
        for (int i = 0; i < n; i++) {
            values.append(i == 0 ? "" : ",").append('"').append(i).append('"');
        }
        try {
            return ApiClient.JSON.writeValueAsString(body).replace("[\"VALUES\"]", "[" + values + "]");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void tooLarge(ApiClient.Response r, long maxBytes) {
        tooLarge(r.status(), r.contentType(), r.json(), maxBytes);
    }

    private static void tooLarge(int status, String contentType, JsonNode problem, long maxBytes) {
        assertThat(status).as(problem.toString()).isEqualTo(413);
        assertThat(contentType).startsWith("application/problem+json");
        assertThat(problem.path("type").asText()).isEqualTo(ProblemTypes.PAYLOAD_TOO_LARGE);
        assertThat(problem.path("maxBytes").asLong()).isEqualTo(maxBytes);
    }

    private static void invalid(ApiClient.Response r, String field, String bound) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problemType()).isEqualTo(ProblemTypes.VALIDATION);
        assertThat(r.errorFields()).as(r.toString()).contains(field);
        r.json().path("errors").forEach(e -> {
            if (e.path("field").asText().equals(field)) {
                assertThat(e.path("message").asText()).as("the message gives the bound").contains(bound);
            }
        });
    }

    private static List<ApiClient.Response> concurrently(int n, java.util.function.Supplier<ApiClient.Response> call)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(call::get));
            }
            List<ApiClient.Response> answers = new ArrayList<>();
            for (Future<ApiClient.Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
