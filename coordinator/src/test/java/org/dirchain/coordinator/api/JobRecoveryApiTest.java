package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.NODE_B;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.dirchain.coordinator.api.ThreeNodeJobs.FEE;
import static org.dirchain.coordinator.api.ThreeNodeJobs.SERVERS;
import static org.dirchain.coordinator.api.ThreeNodeJobs.assertDecryptsToThePlaintextAnswer;
import static org.dirchain.coordinator.api.ThreeNodeJobs.awaitJob;
import static org.dirchain.coordinator.api.ThreeNodeJobs.jobBody;
import static org.dirchain.coordinator.api.ThreeNodeJobs.setEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.model.JobStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Jobs that would otherwise hang: one left RUNNING by a coordinator that stopped while a node was
 * still computing is asked again by the next start and settled (differentially private ones too:
 * the nodes resend the noisy partial they released); one whose deadline passes while a node holds it up, or after its
 * result was stored but before settlement, is expired on chain and the requester refunded. Node B
 * is reached through a {@link GatedTcpProxy} that holds its request.
 */
class JobRecoveryApiTest extends ApiTestBase {
    @BeforeEach
    void threeNodesWithOneAssetEach() {
        keyOf(OPERATOR);
        ThreeNodeJobs.start(this::as);
    }

    @Test
    void aJobLeftRunningByAStoppedCoordinatorIsAskedAgainAndSettledByTheNextStart() throws IOException {
        Path dataDir = Files.createTempDirectory(ENV.dataDir, "resume-");
        BigInteger creditsBefore = F.as(OUTSIDER).jobs().totalCredit();
        Interrupted left = submitAndStopWhileNodeBHoldsIt(dataDir, jobBody(ThreeNodeJobs.approvedGrants(this::as), 3));
        long job = left.job();
        assertThat(statusInDatabase(dataDir, job)).as("left behind by the stopped coordinator").isEqualTo("RUNNING");

        try (ConfigurableApplicationContext second = JobsApiTest.coordinator(dataDir, true)) {
            ApiClient requester = ApiClient.bearer(JobsApiTest.port(second), left.requesterKey());
            JsonNode settled = awaitJob(requester, job, j -> j.path("status").asText().equals("SETTLED"));
            assertThat(settled.path("progress").asText()).startsWith("3 of 3 nodes answered");
            settled.path("nodes").forEach(n -> assertThat(n.path("status").asText()).isEqualTo("OK"));
            ApiClient.Response result = requester.get("/api/v1/jobs/" + job + "/result");
            assertThat(result.status()).as(result.toString()).isEqualTo(200);
            assertDecryptsToThePlaintextAnswer(result.json());
        }
        assertThat(F.as(OUTSIDER).jobs().job(job).status()).isEqualTo(JobStatus.SETTLED);
        assertThat(F.as(OUTSIDER).jobs().totalCredit().subtract(creditsBefore)).as("paid once").isEqualTo(FEE);
    }

    @Test
    void aDifferentiallyPrivateJobLeftRunningIsAskedAgainWithoutSpendingItsBudgetAgain() throws IOException {
        Path dataDir = Files.createTempDirectory(ENV.dataDir, "resume-dp-");
        List<Long> grants = ThreeNodeJobs.approvedGrants(this::as);
        Map<String, Object> body = jobBody(grants, 3);
        body.put("epsilon", new BigDecimal("0.5"));
        body.put("clamps", List.of(Map.of("column", "hba1c", "lower", 0, "upper", 20)));
        Interrupted left = submitAndStopWhileNodeBHoldsIt(dataDir, body);
        long job = left.job();
        assertThat(statusInDatabase(dataDir, job)).isEqualTo("RUNNING");

        try (ConfigurableApplicationContext second = JobsApiTest.coordinator(dataDir, true)) {
            ApiClient requester = ApiClient.bearer(JobsApiTest.port(second), left.requesterKey());
            // The nodes that answered before resend the noisy partial they released (ReleasedNoisyPartials):
            // asking again spends nothing more, so the job is not refunded but completed.
            JsonNode settled = awaitJob(requester, job, j -> j.path("chainStatus").asText().matches("SETTLED|FAILED"));
            assertThat(settled.path("chainStatus").asText()).as(settled.toString()).isEqualTo("SETTLED");
            settled.path("nodes").forEach(n -> assertThat(n.path("status").asText()).isEqualTo("OK"));
            assertThat(requester.get("/api/v1/jobs/" + job + "/result").status()).isEqualTo(200);
            assertThat(requester.get("/api/v1/grants/" + grants.get(0)).json().path("epsilonSpentMilli").asLong())
                    .as("charged at submission, once").isEqualTo(500);
        }
        assertThat(F.as(OUTSIDER).jobs().job(job).status()).isEqualTo(JobStatus.SETTLED);
    }

    @Test
    void anAggregatedJobWhoseDeadlinePassesBeforeSettlementIsExpiredAndItsResultWithheld() throws IOException {
        Path dataDir = Files.createTempDirectory(ENV.dataDir, "expire-aggregated-");
        Map<String, Object> body = jobBody(ThreeNodeJobs.approvedGrants(this::as), 3);
        body.put("timeoutSeconds", 60);
        long job;
        String payer;
        BigInteger creditBefore;
        String requesterKey;
        try (ConfigurableApplicationContext first = JobsApiTest.coordinator(dataDir, false)) { // sends nothing
            int port = JobsApiTest.port(first);
            requesterKey = JobsApiTest.onboardRequester(port, dataDir);
            ApiClient requester = ApiClient.bearer(port, requesterKey);
            ApiClient.Response submitted = requester.post("/api/v1/jobs", body);
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
            job = submitted.id();
            payer = F.as(OUTSIDER).jobs().job(job).payer();
            creditBefore = F.as(OUTSIDER).jobs().credit(payer);
            awaitJob(requester, job, j -> j.path("status").asText().equals("AGGREGATED"));
            assertThat(requester.get("/api/v1/jobs/" + job + "/result").status()).isEqualTo(200);

            F.dev.advanceTime(Duration.ofSeconds(120)); // the deadline passes before anything is settled

            JsonNode failed = awaitJob(requester, job, j -> j.path("status").asText().equals("FAILED"));
            assertThat(failed.path("error").asText()).contains("deadline").contains("passed");
            assertThat(failed.path("resultAvailable").asBoolean()).isFalse();
            ApiClient.Response withheld = requester.get("/api/v1/jobs/" + job + "/result");
            assertThat(withheld.status()).as("a refunded job's result is not handed out").isEqualTo(409);
            assertThat(first.getBean(JdbcClient.class)
                    .sql("SELECT kind || ' ' || status FROM outbox WHERE job_id = ? ORDER BY id").param(job)
                    .query(String.class).list())
                    .containsExactly("ATTEST FAILED", "ATTEST FAILED", "ATTEST FAILED", "SETTLE FAILED", "FAIL PENDING");
        }
        try (ConfigurableApplicationContext second = JobsApiTest.coordinator(dataDir, true)) {
            ApiClient requester = ApiClient.bearer(JobsApiTest.port(second), requesterKey);
            JsonNode expired = awaitJob(requester, job, j -> "TIMED_OUT".equals(j.path("chainStatus").asText())
                    && j.path("progress").asText().equals("expired on chain, fee refunded"));
            assertThat(expired.path("status").asText()).isEqualTo("FAILED");
        }
        assertThat(F.as(OUTSIDER).jobs().job(job).status()).isEqualTo(JobStatus.TIMED_OUT);
        assertThat(F.as(OUTSIDER).jobs().credit(payer).subtract(creditBefore)).as("fee refunded").isEqualTo(FEE);
    }

    /** A job id, and an API key of its requester in the coordinator that recorded it. */
    record Interrupted(long job, String requesterKey) {}

    /**
     * Submits {@code body} through a coordinator of its own on {@code dataDir} and stops that
     * coordinator once node A answered while node B still holds the request.
     */
    private static Interrupted submitAndStopWhileNodeBHoldsIt(Path dataDir, Map<String, Object> body)
            throws IOException {
        String direct = "127.0.0.1:" + SERVERS.get(1).port();
        try (GatedTcpProxy gate = new GatedTcpProxy(SERVERS.get(1).port())) {
            setEndpoint(NODE_B, "127.0.0.1:" + gate.port());
            try (ConfigurableApplicationContext first = JobsApiTest.coordinator(dataDir, true)) {
                int port = JobsApiTest.port(first);
                String requesterKey = JobsApiTest.onboardRequester(port, dataDir);
                ApiClient requester = ApiClient.bearer(port, requesterKey);
                ApiClient.Response submitted = requester.post("/api/v1/jobs", body);
                assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
                long job = submitted.id();
                awaitJob(requester, job, j -> j.path("progress").asText().equals("2 of 3 nodes gave masking keys"));
                return new Interrupted(job, requesterKey);
            } // stopped while node B holds the job
        } finally {
            setEndpoint(NODE_B, direct);
        }
    }

    @Test
    void aJobPastItsDeadlineIsExpiredOnChainAndTheRequesterRefunded() throws IOException {
        ApiClient requester = as(REQUESTER);
        List<Long> grants = ThreeNodeJobs.approvedGrants(this::as);
        String direct = "127.0.0.1:" + SERVERS.get(1).port();
        try (GatedTcpProxy gate = new GatedTcpProxy(SERVERS.get(1).port())) {
            setEndpoint(NODE_B, "127.0.0.1:" + gate.port());
            Map<String, Object> body = jobBody(grants, 3);
            body.put("timeoutSeconds", 60);
            ApiClient.Response submitted = requester.post("/api/v1/jobs", body);
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
            long job = submitted.id();
            String payer = F.as(OUTSIDER).jobs().job(job).payer();
            BigInteger creditBefore = F.as(OUTSIDER).jobs().credit(payer);
            awaitJob(requester, job, j -> j.path("progress").asText().equals("2 of 3 nodes gave masking keys"));
            assertThat(F.as(OUTSIDER).jobs().credit(payer)).as("nothing refunded before the deadline")
                    .isEqualTo(creditBefore);

            F.dev.advanceTime(Duration.ofSeconds(120)); // the chain's clock passes the job's deadline

            JsonNode expired = awaitJob(requester, job, j -> "TIMED_OUT".equals(j.path("chainStatus").asText())
                    && j.path("status").asText().equals("FAILED")
                    && j.path("progress").asText().equals("expired on chain, fee refunded"));
            assertThat(expired.path("error").asText()).contains("deadline").contains("passed");
            assertThat(expired.path("resultAvailable").asBoolean()).isFalse();
            assertThat(F.as(OUTSIDER).jobs().job(job).status()).isEqualTo(JobStatus.TIMED_OUT);
            assertThat(F.as(OUTSIDER).jobs().credit(payer).subtract(creditBefore)).as("fee refunded").isEqualTo(FEE);
            assertThat(requester.get("/api/v1/jobs/" + job + "/result").status()).isEqualTo(409);

            gate.open(); // node B's late answer changes nothing
            awaitJob(requester, job, j -> !j.path("nodes").get(1).path("status").asText().equals("PENDING"));
            assertThat(requester.get("/api/v1/jobs/" + job).json().path("status").asText()).isEqualTo("FAILED");
            assertThat(F.as(OUTSIDER).jobs().credit(payer).subtract(creditBefore)).isEqualTo(FEE);
        } finally {
            setEndpoint(NODE_B, direct);
        }
    }

    static String statusInDatabase(Path dataDir, long job) {
        return scalarInDatabase(dataDir, "SELECT status FROM jobs WHERE id = ?", job);
    }

    /** One value read straight from a stopped coordinator's embedded database. */
    static String scalarInDatabase(Path dataDir, String sql, Object... params) {
        String url = "jdbc:h2:file:" + dataDir.resolve("coordinator") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                q.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).as(sql).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
