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

/**
 * Jobs that would otherwise hang: one left RUNNING by a coordinator that stopped while a node was
 * still computing is asked again by the next start and settled; one whose deadline passes while a
 * node holds it up is expired on chain and the requester refunded. Node B is reached through a
 * {@link GatedTcpProxy} that holds its request.
 */
class JobRecoveryApiTest extends ApiTestBase {
    @BeforeEach
    void threeNodesWithOneAssetEach() {
        keyOf(OPERATOR);
        ThreeNodeJobs.start(this::as);
    }

    @Test
    void aJobLeftRunningByAStoppedCoordinatorIsAskedAgainAndSettledByTheNextStart() throws IOException {
        List<Long> grants = ThreeNodeJobs.approvedGrants(this::as);
        Path dataDir = Files.createTempDirectory(ENV.dataDir, "resume-");
        BigInteger creditsBefore = F.as(OUTSIDER).jobs().totalCredit();
        String direct = "127.0.0.1:" + SERVERS.get(1).port();
        long job;
        String requesterKey;
        try (GatedTcpProxy gate = new GatedTcpProxy(SERVERS.get(1).port())) {
            setEndpoint(NODE_B, "127.0.0.1:" + gate.port());
            try (ConfigurableApplicationContext first = JobsApiTest.coordinator(dataDir, true)) {
                int port = JobsApiTest.port(first);
                requesterKey = JobsApiTest.onboardRequester(port, dataDir);
                ApiClient requester = ApiClient.bearer(port, requesterKey);
                ApiClient.Response submitted = requester.post("/api/v1/jobs", jobBody(grants, 3));
                assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
                job = submitted.id();
                awaitJob(requester, job, j -> j.path("progress").asText().equals("1 of 3 nodes answered"));
            } // stopped while node B holds the job
        } finally {
            setEndpoint(NODE_B, direct);
        }
        assertThat(statusInDatabase(dataDir, job)).as("left behind by the stopped coordinator").isEqualTo("RUNNING");

        try (ConfigurableApplicationContext second = JobsApiTest.coordinator(dataDir, true)) {
            ApiClient requester = ApiClient.bearer(JobsApiTest.port(second), requesterKey);
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
            awaitJob(requester, job, j -> j.path("progress").asText().equals("1 of 3 nodes answered"));
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
        String url = "jdbc:h2:file:" + dataDir.resolve("coordinator") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                PreparedStatement q = c.prepareStatement("SELECT status FROM jobs WHERE id = ?")) {
            q.setLong(1, job);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
