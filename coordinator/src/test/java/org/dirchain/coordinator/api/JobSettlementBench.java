package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.dirchain.coordinator.api.ThreeNodeJobs.assertDecryptsToThePlaintextAnswer;
import static org.dirchain.coordinator.api.ThreeNodeJobs.jobBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a test (its name keeps it out of the test run): sequential aggregate jobs (COUNT
 * and MEAN by region, Paillier with the API's 128-bit lane packing) over the three real nodes of
 * {@link ThreeNodeJobs}, anvil mining a block per transaction. Per job, from just before the
 * submission is sent: (a) until the job shows its result available, (b) until it shows SETTLED
 * (taken from the chain by the outbox). The job is polled every 5 ms. Run:
 * {@code ./mvnw -o -q -B -pl coordinator -am verify -Dtest=JobSettlementBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.jobs=20 -Dbench.warmup=3 -Dbench.rows=3000}
 * and copy the printed table into docs/performance.md.
 */
// Named in -Dtest only: a pattern such as org.dirchain.coordinator.** must not start its context
@EnabledIfSystemProperty(named = "test", matches = ".*JobSettlementBench.*",
        disabledReason = "a benchmark, not a test: run it with -Dtest=JobSettlementBench")
class JobSettlementBench extends ApiTestBase {
    /** One key at many requests a second: the partner rate limit would be what is measured. */
    @DynamicPropertySource
    static void noRateLimit(DynamicPropertyRegistry registry) {
        registry.add("dirchain.coordinator.rate-limit.enabled", () -> "false");
    }

    /** Each grant allows five jobs ({@link ApiTestBase#grantBody}): new ones before they run out. */
    private static final int JOBS_PER_GRANT = 5;

    @Test
    void submissionToResultAndSettlement() {
        int jobs = Integer.getInteger("bench.jobs", 20);
        int warmup = Integer.getInteger("bench.warmup", 3);
        int rows = Integer.getInteger("bench.rows", 3000);
        keyOf(OPERATOR);
        ThreeNodeJobs.start(this::as, new int[] {rows, rows, rows});
        ApiClient requester = as(REQUESTER);

        long[] accepted = new long[jobs];
        long[] toResult = new long[jobs];
        long[] toSettled = new long[jobs];
        List<Long> grants = List.of();
        long lastJob = 0;
        for (int i = 0; i < warmup + jobs; i++) {
            if (i % JOBS_PER_GRANT == 0) {
                grants = ThreeNodeJobs.approvedGrants(this::as); // outside the timed part
            }
            long start = System.nanoTime();
            ApiClient.Response submitted = requester.post("/api/v1/jobs", jobBody(grants, 3));
            long acceptedAt = System.nanoTime();
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
            lastJob = submitted.id();
            long resultAt = 0;
            long settledAt = 0;
            while (settledAt == 0) {
                ApiClient.Response r = requester.get("/api/v1/jobs/" + lastJob);
                long now = System.nanoTime();
                JsonNode job = r.json();
                assertThat(job.path("status").asText()).as(r.toString()).isNotEqualTo("FAILED");
                if (resultAt == 0 && job.path("resultAvailable").asBoolean()) {
                    resultAt = now;
                }
                if (job.path("status").asText().equals("SETTLED")) {
                    settledAt = now;
                }
                assertThat(now - start).as("job " + lastJob + " settled within 2 minutes")
                        .isLessThan(TimeUnit.MINUTES.toNanos(2));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
            if (i >= warmup) {
                accepted[i - warmup] = acceptedAt - start;
                toResult[i - warmup] = resultAt - start;
                toSettled[i - warmup] = settledAt - start;
            }
        }
        // the last job's answer is right: the figures are of real work
        ApiClient.Response result = requester.get("/api/v1/jobs/" + lastJob + "/result");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertDecryptsToThePlaintextAnswer(result.json());

        System.out.printf("%n%d sequential jobs after %d warm-up, 3 nodes x %d rows, COUNT + MEAN by region%n",
                jobs, warmup, rows);
        System.out.println("| from submission until | p50 | p95 | max |");
        System.out.println("|---|---:|---:|---:|");
        row("202 Accepted (job on chain)", accepted);
        row("(a) result available", toResult);
        row("(b) settled on chain", toSettled);
    }

    private static void row(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("| %s | %d ms | %d ms | %d ms |%n", what, ms(percentile(sorted, 50)),
                ms(percentile(sorted, 95)), ms(sorted[sorted.length - 1]));
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
