package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL_B;
import static org.dirchain.chain.DirectoryFixture.NODE_B;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.dirchain.coordinator.api.ThreeNodeJobs.ASSETS;
import static org.dirchain.coordinator.api.ThreeNodeJobs.FEE;
import static org.dirchain.coordinator.api.ThreeNodeJobs.SERVERS;
import static org.dirchain.coordinator.api.ThreeNodeJobs.assertDecryptsToThePlaintextAnswer;
import static org.dirchain.coordinator.api.ThreeNodeJobs.awaitJob;
import static org.dirchain.coordinator.api.ThreeNodeJobs.jobBody;
import static org.dirchain.coordinator.api.ThreeNodeJobs.setEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.coordinator.CoordinatorApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Aggregate jobs through the API with three real compute nodes on loopback gRPC: the requester
 * submits with its Paillier public key, the coordinator asks the nodes, sums the ciphertexts,
 * relays the attestations and settles as the operator; the requester decrypts client-side.
 */
class JobsApiTest extends ApiTestBase {
    @BeforeEach
    void threeNodesWithOneAssetEach() {
        keyOf(OPERATOR); // the operator's chain key is in the secret store
        ThreeNodeJobs.start(this::as);
    }

    @Test
    void encryptedAggregateIsOrchestratedSettledAndDecryptedByTheRequesterOnly() {
        ApiClient requester = as(REQUESTER);
        BigInteger creditsBefore = F.as(OUTSIDER).jobs().totalCredit();

        ApiClient.Response submitted = requester.post("/api/v1/jobs", jobBody(approvedGrants(), 3));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        long job = submitted.id();
        assertThat(submitted.raw().headers().firstValue("Location")).contains("/api/v1/jobs/" + job);
        assertThat(submitted.json().path("requesterOrg").asLong()).isEqualTo(F.requesterOrg);

        JsonNode settled = awaitJob(requester, job, j -> j.path("status").asText().equals("SETTLED"));
        assertThat(settled.path("progress").asText()).startsWith("3 of 3 nodes answered");
        assertThat(settled.path("nodes")).hasSize(3);
        settled.path("nodes").forEach(n -> assertThat(n.path("status").asText()).isEqualTo("OK"));
        assertThat(settled.path("chainStatus").asText()).isEqualTo("SETTLED");

        // only the requester gets the result; it is still encrypted, and it decrypts to the plaintext answer
        ApiClient.Response result = requester.get("/api/v1/jobs/" + job + "/result");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        assertThat(Hash32.keccak(result.raw().body().getBytes(StandardCharsets.UTF_8)))
                .as("the result hash settled on chain is the hash of what the requester downloads")
                .isEqualTo(F.as(OUTSIDER).jobs().job(job).resultHash());
        assertDecryptsToThePlaintextAnswer(result.json());
        assertThat(as(OTHER_REQUESTER).get("/api/v1/jobs/" + job + "/result").status()).isEqualTo(404);
        assertThat(as(HOSPITAL).get("/api/v1/jobs/" + job + "/result").status()).isEqualTo(404);
        assertThat(as(OTHER_REQUESTER).get("/api/v1/jobs/" + job).status()).isEqualTo(404);
        assertThat(as(HOSPITAL).get("/api/v1/jobs/" + job).status()).as("an asset owner follows the job").isEqualTo(200);
        assertThat(regulator().get("/api/v1/jobs/" + job).status()).isEqualTo(200);

        // settled on chain: the fee credited to the providers by attested weight, and audited
        assertThat(F.as(OUTSIDER).jobs().job(job).status()).isEqualTo(JobStatus.SETTLED);
        assertThat(F.as(OUTSIDER).jobs().totalCredit().subtract(creditsBefore)).isEqualTo(FEE);
        ApiClient.Response audit = regulator().get("/api/v1/audit/jobs?asset=" + ASSETS.get(1));
        assertThat(audit.status()).as(audit.toString()).isEqualTo(200);
        JsonNode audited = null;
        for (JsonNode j : audit.json().isArray() ? audit.json() : audit.json().path("items")) {
            if (j.path("id").asLong() == job) {
                audited = j;
            }
        }
        assertThat(audited).as(audit.toString()).isNotNull();
        assertThat(audited.path("status").asText()).isEqualTo("SETTLED");
        BigInteger paid = BigInteger.ZERO;
        for (JsonNode p : audited.path("payments")) {
            paid = paid.add(new BigInteger(p.path("amountWei").asText()));
        }
        assertThat(paid).isEqualTo(FEE);
        audited.path("assets").forEach(a -> assertThat(a.path("attestation").path("weight").asLong()).isPositive());
    }

    @Test
    void theRequesterListsItsOwnJobsNewestFirstAndOnlyItsOwn() {
        ApiClient requester = as(REQUESTER);
        List<Long> grants = approvedGrants();
        long older = requester.post("/api/v1/jobs", jobBody(grants, 3)).id();
        long newer = requester.post("/api/v1/jobs", jobBody(grants, 3)).id();
        awaitJob(requester, older, j -> j.path("status").asText().equals("SETTLED"));
        awaitJob(requester, newer, j -> j.path("status").asText().equals("SETTLED"));

        ApiClient.Response all = requester.get("/api/v1/jobs");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        List<Long> ids = ids(all);
        assertThat(ids).contains(older, newer);
        assertThat(ids.indexOf(newer)).as("newest first").isLessThan(ids.indexOf(older));
        all.json().forEach(j -> assertThat(j.path("requesterOrg").asLong()).isEqualTo(F.requesterOrg));
        assertThat(ids(requester.get("/api/v1/jobs?limit=1"))).containsExactly(newer);
        assertThat(ids(requester.get("/api/v1/jobs?offset=1&limit=1"))).containsExactly(older);

        ApiClient.Response settled = requester.get("/api/v1/jobs?state=SETTLED");
        assertThat(ids(settled)).contains(older, newer);
        settled.json().forEach(j -> assertThat(j.path("status").asText()).isEqualTo("SETTLED"));
        ApiClient.Response failed = requester.get("/api/v1/jobs?state=FAILED");
        assertThat(ids(failed)).doesNotContain(older, newer);
        failed.json().forEach(j -> assertThat(j.path("status").asText()).isEqualTo("FAILED"));

        ApiClient.Response badState = requester.get("/api/v1/jobs?state=LOST");
        assertInvalid(badState, "state");
        assertThat(badState.json().path("errors").get(0).path("message").asText())
                .contains("SUBMITTED", "RUNNING", "AGGREGATED", "SETTLED", "FAILED");
        assertInvalid(requester.get("/api/v1/jobs?limit=0"), "limit");
        assertInvalid(requester.get("/api/v1/jobs?offset=-1"), "offset");

        // organisations that may follow these jobs one by one still do not list them: the list is the caller's own
        for (ApiClient other : List.of(as(OTHER_REQUESTER), as(HOSPITAL), regulator())) {
            ApiClient.Response theirs = other.get("/api/v1/jobs");
            assertThat(theirs.status()).as(theirs.toString()).isEqualTo(200);
            assertThat(ids(theirs)).doesNotContain(older, newer);
        }
        assertThat(as(HOSPITAL).get("/api/v1/jobs/" + older).status()).isEqualTo(200);
    }

    static List<Long> ids(ApiClient.Response list) {
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        assertThat(list.json().isArray()).as(list.toString()).isTrue();
        List<Long> ids = new java.util.ArrayList<>();
        list.json().forEach(j -> ids.add(j.path("id").asLong()));
        return ids;
    }

    @Test
    void aMalformedJobIsRefusedBeforeAnythingReachesTheChain() {
        ApiClient requester = as(REQUESTER);
        long jobsOnChain = F.as(OUTSIDER).jobs().count();
        List<Long> grants = List.of(1L, 2L, 3L);

        Map<String, Object> badKey = jobBody(grants, 3);
        badKey.put("hePublicKey", Base64.getEncoder().encodeToString("not a key".getBytes(StandardCharsets.UTF_8)));
        assertInvalid(requester.post("/api/v1/jobs", badKey), "hePublicKey");

        assertInvalid(requester.post("/api/v1/jobs", jobBody(grants, 4)), "quorum");

        Map<String, Object> badFilter = jobBody(grants, 3);
        badFilter.put("query", Map.of("filters", List.of(Map.of("column", "age", "op", "BETWEEN", "values", List.of("40"))),
                "measures", List.of(Map.of("kind", "COUNT"))));
        assertInvalid(requester.post("/api/v1/jobs", badFilter), "query.filters[0].values");

        Map<String, Object> noGrants = jobBody(List.of(), 1);
        assertInvalid(requester.post("/api/v1/jobs", noGrants), "grants");

        Map<String, Object> dpWithoutClamp = jobBody(grants, 3);
        dpWithoutClamp.put("epsilon", "0.5");
        assertInvalid(requester.post("/api/v1/jobs", dpWithoutClamp), "clamps");

        ApiClient.Response notJson = requester.post("/api/v1/jobs", "{\"grants\": [1,");
        assertThat(notJson.status()).isEqualTo(400);

        assertThat(as(HOSPITAL).post("/api/v1/jobs", jobBody(grants, 3)).status())
                .as("only a requester submits").isEqualTo(403);
        assertThat(F.as(OUTSIDER).jobs().count()).as("nothing reached the chain").isEqualTo(jobsOnChain);
    }

    @Test
    void aRevokedGrantIsRefusedByItsNodeAndBelowQuorumTheJobFailsAndIsRefunded() throws IOException {
        ApiClient requester = as(REQUESTER);
        List<Long> grants = approvedGrants();
        // the second node is reached through a proxy that holds the request until the grant is revoked
        String direct = "127.0.0.1:" + SERVERS.get(1).port();
        try (GatedTcpProxy gate = new GatedTcpProxy(SERVERS.get(1).port())) {
            setEndpoint(NODE_B, "127.0.0.1:" + gate.port());
            ApiClient.Response submitted = requester.post("/api/v1/jobs", jobBody(grants, 3));
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
            long job = submitted.id();
            String payer = F.as(OUTSIDER).jobs().job(job).payer();
            ApiClient.Response revoked = as(HOSPITAL_B).post("/api/v1/grants/" + grants.get(1) + "/revoke", null);
            assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
            BigInteger creditBefore = F.as(OUTSIDER).jobs().credit(payer);
            gate.open();

            JsonNode failed = awaitJob(requester, job, j -> "FAILED".equals(j.path("chainStatus").asText()));
            assertThat(failed.path("status").asText()).isEqualTo("FAILED");
            assertThat(failed.path("error").asText()).contains("quorum not met");
            // Masks cancel only in the sum of all: with 2 of 3 left no node is asked for its partial.
            JsonNode abandoned = failed.path("nodes").get(0);
            assertThat(abandoned.path("status").asText()).isEqualTo("ABANDONED");
            assertThat(abandoned.path("error").asText()).contains("a masked sum needs 3");
            JsonNode refused = failed.path("nodes").get(1);
            assertThat(refused.path("status").asText()).isEqualTo("REFUSED");
            assertThat(refused.path("error").asText()).startsWith("PERMISSION_DENIED").contains("revoked");
            assertThat(F.as(OUTSIDER).jobs().credit(payer).subtract(creditBefore)).as("fee refunded").isEqualTo(FEE);
            assertThat(requester.get("/api/v1/jobs/" + job + "/result").status()).isEqualTo(409);
        } finally {
            setEndpoint(NODE_B, direct);
        }
    }

    @Test
    void aRequesterCancelsARunningJobAndTheFeeIsRefunded() throws IOException {
        ApiClient requester = as(REQUESTER);
        List<Long> grants = approvedGrants();
        String direct = "127.0.0.1:" + SERVERS.get(1).port();
        try (GatedTcpProxy gate = new GatedTcpProxy(SERVERS.get(1).port())) {
            setEndpoint(NODE_B, "127.0.0.1:" + gate.port());
            long job = requester.post("/api/v1/jobs", jobBody(grants, 3)).id();
            String payer = F.as(OUTSIDER).jobs().job(job).payer();
            BigInteger creditBefore = F.as(OUTSIDER).jobs().credit(payer);
            ApiClient.Response byOther = as(HOSPITAL).post("/api/v1/jobs/" + job + "/cancel", null);
            assertThat(byOther.status()).as("only the requester cancels").isEqualTo(403);
            ApiClient.Response cancelled = requester.post("/api/v1/jobs/" + job + "/cancel", null);
            assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
            assertThat(cancelled.json().path("status").asText()).isEqualTo("FAILED");
            JsonNode failed = awaitJob(requester, job, j -> "FAILED".equals(j.path("chainStatus").asText()));
            assertThat(failed.path("error").asText()).isEqualTo("cancelled by the requester");
            assertThat(F.as(OUTSIDER).jobs().credit(payer).subtract(creditBefore)).as("fee refunded").isEqualTo(FEE);
            ApiClient.Response again = requester.post("/api/v1/jobs/" + job + "/cancel", null);
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.problemType()).isEqualTo("urn:dirchain:problem:job-not-cancellable");
            gate.open(); // the late node finds the job closed; nothing changes
        } finally {
            setEndpoint(NODE_B, direct);
        }
    }

    /**
     * The coordinator stops after the result is stored but before anything is sent to the chain; a
     * new one on the same database sends the outbox and the job is settled exactly once.
     */
    @Test
    void aJobStoredBeforeARestartIsSettledOnceAfterIt() throws IOException {
        List<Long> grants = approvedGrants();
        Path dataDir = Files.createTempDirectory(ENV.dataDir, "restart-");
        BigInteger creditsBefore = F.as(OUTSIDER).jobs().totalCredit();
        long job;
        String requesterKey;
        try (ConfigurableApplicationContext first = coordinator(dataDir, false)) {
            int port = port(first);
            requesterKey = onboardRequester(port, dataDir);
            ApiClient requester = ApiClient.bearer(port, requesterKey);
            ApiClient.Response submitted = requester.post("/api/v1/jobs", jobBody(grants, 3));
            assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
            job = submitted.id();
            JsonNode stored = awaitJob(requester, job, j -> j.path("status").asText().equals("AGGREGATED"));
            assertThat(stored.path("resultAvailable").asBoolean()).isTrue();
            assertThat(F.as(OUTSIDER).jobs().job(job).status()).as("nothing sent yet").isEqualTo(JobStatus.SUBMITTED);
        }
        // as if the first coordinator had sent the first attestation and stopped before marking it done
        relayFirstAttestation(dataDir, job);
        try (ConfigurableApplicationContext second = coordinator(dataDir, true)) {
            ApiClient requester = ApiClient.bearer(port(second), requesterKey);
            awaitJob(requester, job, j -> j.path("status").asText().equals("SETTLED"));
            JdbcClient db = second.getBean(JdbcClient.class);
            assertThat(db.sql("SELECT status || ' ' || COALESCE(last_error, '') FROM outbox WHERE job_id = ? ORDER BY id")
                    .param(job).query(String.class).list()).containsExactly(
                    "DONE skipped: asset index 0 already attested", "DONE attested asset index 1",
                    "DONE attested asset index 2", "DONE settled");
            assertThat(F.as(OUTSIDER).jobs().job(job).status()).isEqualTo(JobStatus.SETTLED);
            assertThat(F.as(OUTSIDER).jobs().totalCredit().subtract(creditsBefore)).as("paid exactly once")
                    .isEqualTo(FEE);
            assertThat(requester.get("/api/v1/jobs/" + job + "/result").status()).isEqualTo(200);
        }
    }

    static void relayFirstAttestation(Path dataDir, long job) {
        String url = "jdbc:h2:file:" + dataDir.resolve("coordinator") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE";
        try (Connection c = DriverManager.getConnection(url, "sa", "");
                PreparedStatement q = c.prepareStatement("SELECT asset_id, attested_commitment, attested_weight, "
                        + "attestation_signature FROM job_contributions WHERE job_id = ? AND asset_index = 0")) {
            q.setLong(1, job);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                F.as(OPERATOR).jobs().attest(new Attestation(job, 0, rs.getLong(1), new Hash32(rs.getString(2)),
                        rs.getLong(3), HexFormat.of().parseHex(rs.getString(4).substring(2))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConfigurableApplicationContext coordinator(Path dataDir, boolean outbox) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("server.port", 0);
        p.put("dirchain.coordinator.data-dir", dataDir.toString());
        p.put("dirchain.coordinator.chain.rpc-url", F.dev.rpcUrl());
        p.put("dirchain.coordinator.chain.deployment-file", ENV.deploymentFile.toString());
        p.put("dirchain.coordinator.index.poll-interval", "100ms");
        p.put("dirchain.coordinator.secrets.pkcs12.password", "restart-test-password");
        p.put("dirchain.coordinator.bootstrap.admin-org-id", F.regulatorOrg);
        p.put("dirchain.coordinator.bootstrap.admin-key-file", dataDir.resolve("bootstrap-admin.key").toString());
        p.put("dirchain.coordinator.jobs.operator-org-id", F.operatorOrg);
        p.put("dirchain.coordinator.jobs.outbox.enabled", outbox);
        p.put("dirchain.coordinator.jobs.outbox.interval", "200ms");
        p.put("dirchain.coordinator.jobs.recovery-interval", "500ms");
        // the restart tests poll closely to stop a coordinator between two rounds
        p.put("dirchain.coordinator.rate-limit.enabled", false);
        // as command-line arguments: they take precedence over application.yml
        return new SpringApplicationBuilder(CoordinatorApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /**
     * In a coordinator started by {@link #coordinator} on a fresh database: registers the chain keys
     * of the requester and the operator and returns an API key of the requester.
     */
    static String onboardRequester(int port, Path dataDir) throws IOException {
        String admin = Files.readString(dataDir.resolve("bootstrap-admin.key")).trim();
        ApiClient regulator = ApiClient.bearer(port, admin);
        for (int account : List.of(REQUESTER, OPERATOR)) {
            assertThat(regulator.put("/api/v1/admin/organisations/" + orgOf(account) + "/signing-key",
                    Map.of("privateKey", privateKeyHex(account))).status()).isEqualTo(200);
        }
        return regulator.post("/api/v1/admin/organisations/" + F.requesterOrg + "/api-keys",
                Map.of("label", "restart test")).json().path("apiKey").asText();
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    // ---- helpers -------------------------------------------------------------------------

    List<Long> approvedGrants() {
        return ThreeNodeJobs.approvedGrants(this::as);
    }

    static void assertInvalid(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.problemType()).isEqualTo("urn:dirchain:problem:validation");
        assertThat(r.errorFields()).as(r.toString()).contains(field);
    }
}
