package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.dirchain.coordinator.api.ThreeNodeJobs.FEE;
import static org.dirchain.coordinator.api.ThreeNodeJobs.assertDecryptsToThePlaintextAnswer;
import static org.dirchain.coordinator.api.ThreeNodeJobs.awaitJob;
import static org.dirchain.coordinator.api.ThreeNodeJobs.jobBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobStatus;
import org.junit.jupiter.api.Test;

/**
 * An aggregate job from submission to settlement with the coordinator's state on PostgreSQL: the
 * three real nodes of {@link ThreeNodeJobs}, the result stored and downloaded, the outbox's chain
 * writes sent, every row where it should be.
 */
class PostgresJobFlowTest extends PostgresCoordinatorTest {
    static final DirectoryFixture F = ENV.fixture;

    @Test
    void aJobIsSubmittedAggregatedAndSettledWithItsStateOnPostgresql() throws SQLException {
        Onboarding organisations = new Onboarding(port, adminKeyFile());
        organisations.keyOf(OPERATOR); // the outbox writes as the operator
        ThreeNodeJobs.start(organisations::as);
        ApiClient requester = organisations.as(REQUESTER);
        List<Long> grants = ThreeNodeJobs.approvedGrants(organisations::as);
        BigInteger creditsBefore = F.as(OUTSIDER).jobs().totalCredit();

        ApiClient.Response submitted = requester.post("/api/v1/jobs", jobBody(grants, 3));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        long job = submitted.id();
        JsonNode settled = awaitJob(requester, job, j -> j.path("status").asText().equals("SETTLED"));
        assertThat(settled.path("progress").asText()).startsWith("3 of 3 nodes answered");
        assertThat(settled.path("chainStatus").asText()).isEqualTo("SETTLED");

        ApiClient.Response result = requester.get("/api/v1/jobs/" + job + "/result");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(Hash32.keccak(result.raw().body().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(F.as(OUTSIDER).jobs().job(job).resultHash());
        assertDecryptsToThePlaintextAnswer(result.json());
        assertThat(F.as(OUTSIDER).jobs().job(job).status()).isEqualTo(JobStatus.SETTLED);
        assertThat(F.as(OUTSIDER).jobs().totalCredit().subtract(creditsBefore)).isEqualTo(FEE);
        assertThat(JobsApiTest.ids(requester.get("/api/v1/jobs?state=SETTLED&limit=10"))).containsExactly(job);

        try (Connection c = DriverManager.getConnection(databaseUrl, postgres.user(), postgres.password())) {
            assertThat(column(c, "SELECT status FROM jobs WHERE id = ?", job)).containsExactly("SETTLED");
            assertThat(column(c, "SELECT status FROM job_contributions WHERE job_id = ? ORDER BY asset_index", job))
                    .containsExactly("OK", "OK", "OK");
            assertThat(column(c, "SELECT result_hash FROM job_results WHERE job_id = ?", job))
                    .containsExactly(settled.path("resultHash").asText());
            assertThat(column(c, "SELECT kind || ' ' || status FROM outbox WHERE job_id = ? ORDER BY id", job))
                    .containsExactly("ATTEST DONE", "ATTEST DONE", "ATTEST DONE", "SETTLE DONE");
        }
    }

    private static List<String> column(Connection c, String sql, long job) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setLong(1, job);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }
}
