package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.coordinator.api.ThreeNodeJobs.awaitJob;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.dirchain.chain.model.JobStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A training job whose coordinator stops mid-training is resumed by the next start from its latest
 * round checkpoint: no round is lost or recorded twice, the model is the one an uninterrupted job
 * gives, each node attests every round once, and a differentially private job resumes too (the nodes
 * give a round asked again the answer they gave before) without its epsilon charged again.
 */
class TrainingRecoveryApiTest extends ApiTestBase {
    private static final int ROUNDS = 40;

    @BeforeEach
    void nodes() {
        keyOf(OPERATOR);
        ThreeNodeJobs.start(this::as);
    }

    @Test
    void aTrainingJobLeftRunningIsResumedFromItsLastRoundAndEndsAsIfNeverStopped() throws IOException {
        Map<String, Object> body = TrainingApiTest.trainingBody(ThreeNodeJobs.trainingGrants(this::as));
        body.put("rounds", ROUNDS);
        Path dataDir = Files.createTempDirectory(ENV.dataDir, "resume-training-");
        Stopped stopped = submitAndStopAfterRound(dataDir, body, 4);

        try (ConfigurableApplicationContext second = JobsApiTest.coordinator(dataDir, true)) {
            ApiClient requester = ApiClient.bearer(JobsApiTest.port(second), stopped.requesterKey());
            JsonNode done = awaitJob(requester, stopped.job(), j -> j.path("chainStatus").asText().matches("SETTLED|FAILED"));
            assertThat(done.path("chainStatus").asText()).as(done.toString()).isEqualTo("SETTLED");

            ApiClient.Response result = requester.get("/api/v1/jobs/" + stopped.job() + "/result");
            assertThat(result.status()).as(result.toString()).isEqualTo(200);
            TrainingApiTest.assertIsCentralisedGradientDescent(result.json(), ROUNDS);
            assertEveryRoundRecordedOnce(requester, stopped.job());
        }
        assertThat(incarnation(dataDir, stopped.job())).as("resumed once").isEqualTo(1);
        var onChain = F.as(OUTSIDER).jobs().job(stopped.job());
        for (int i = 0; i < 3; i++) {
            assertThat(onChain.assets().get(i).weight()).as("asset " + i + ": rows × rounds, each round counted once")
                    .isEqualTo(ThreeNodeJobs.TRAINING_ROWS[i] * (long) ROUNDS);
        }
    }

    @Test
    void aDifferentiallyPrivateTrainingJobIsResumedWithoutSpendingItsBudgetAgain() throws IOException {
        List<Long> grants = ThreeNodeJobs.trainingGrants(this::as);
        Map<String, Object> body = TrainingApiTest.trainingBody(grants);
        body.put("rounds", ROUNDS);
        body.put("epsilon", "2");
        body.put("dpClipNorm", 1.0);
        body.put("dpDelta", 1e-6);
        body.put("dpBounds", List.of(Map.of("column", "x1", "lower", 10, "upper", 90),
                Map.of("column", "x2", "lower", 5, "upper", 45), Map.of("column", "x3", "lower", -4, "upper", 4)));
        Path dataDir = Files.createTempDirectory(ENV.dataDir, "resume-dp-training-");
        Stopped stopped = submitAndStopAfterRound(dataDir, body, 3);

        try (ConfigurableApplicationContext second = JobsApiTest.coordinator(dataDir, true)) {
            ApiClient requester = ApiClient.bearer(JobsApiTest.port(second), stopped.requesterKey());
            JsonNode done = awaitJob(requester, stopped.job(), j -> j.path("chainStatus").asText().matches("SETTLED|FAILED"));
            assertThat(done.path("chainStatus").asText()).as(done.toString()).isEqualTo("SETTLED");
            assertEveryRoundRecordedOnce(requester, stopped.job());
            JsonNode grant = requester.get("/api/v1/grants/" + grants.get(0)).json();
            assertThat(grant.path("epsilonSpentMilli").asLong()).as("charged at submission, once").isEqualTo(2000);
        }
        assertThat(F.as(OUTSIDER).jobs().job(stopped.job()).status()).isEqualTo(JobStatus.SETTLED);
    }

    private static void assertEveryRoundRecordedOnce(ApiClient requester, long job) {
        List<Integer> rounds = new ArrayList<>();
        requester.get("/api/v1/jobs/" + job + "/rounds").json().forEach(r -> rounds.add(r.path("round").asInt()));
        List<Integer> expected = new ArrayList<>();
        for (int r = 1; r <= ROUNDS; r++) {
            expected.add(r);
        }
        assertThat(rounds).isEqualTo(expected);
    }

    /** A job id, and an API key of its requester in the coordinator that recorded it. */
    private record Stopped(long job, String requesterKey) {}

    /** Submits through a coordinator of its own on {@code dataDir} and stops it once {@code rounds} are reported. */
    private static Stopped submitAndStopAfterRound(Path dataDir, Map<String, Object> body, int rounds) throws IOException {
        try (ConfigurableApplicationContext first = JobsApiTest.coordinator(dataDir, true)) {
            int port = JobsApiTest.port(first);
            String requesterKey = JobsApiTest.onboardRequester(port, dataDir);
            ApiClient requester = ApiClient.bearer(port, requesterKey);
            ApiClient.Response submitted = requester.post("/api/v1/training-jobs", body);
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
            long job = submitted.id();
            // Polled closely (not with the client's back-off) so the stop lands well before the last round.
            long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (requester.get("/api/v1/jobs/" + job + "/rounds").json().size() < rounds) {
                assertThat(System.nanoTime()).as("round " + rounds + " reported within 60 s").isLessThan(giveUp);
                LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
            }
            return new Stopped(job, requesterKey);
        } finally {
            // stopped mid-training: the job is left RUNNING with its checkpoint
            assertThat(JobRecoveryApiTest.statusInDatabase(dataDir, lastJob(dataDir))).isEqualTo("RUNNING");
        }
    }

    private static long lastJob(Path dataDir) {
        return Long.parseLong(JobRecoveryApiTest.scalarInDatabase(dataDir, "SELECT MAX(id) FROM jobs"));
    }

    private static long incarnation(Path dataDir, long job) {
        return Long.parseLong(JobRecoveryApiTest.scalarInDatabase(dataDir,
                "SELECT incarnation FROM training_checkpoints WHERE job_id = ?", job));
    }
}
