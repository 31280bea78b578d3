package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.ADMIN;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL_B;
import static org.dirchain.chain.DirectoryFixture.NODE_A;
import static org.dirchain.chain.DirectoryFixture.NODE_B;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Hash32;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.chain.model.Role;
import org.dirchain.he.EncryptedAggregator;
import org.dirchain.he.HeCiphertext;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.HomomorphicSchemes;
import org.dirchain.he.LanePacking;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.api.v1.Filter;
import org.dirchain.node.api.v1.Measure;
import org.dirchain.node.api.v1.Query;
import org.dirchain.node.app.NodeAssembly;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.grpc.ComputeNodeServer;
import org.dirchain.node.job.AggregateSpecs;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.AggregateResult;
import org.dirchain.node.query.GroupResult;
import org.dirchain.node.query.PartialAggregate;
import org.dirchain.node.query.VectorLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.dirchain.coordinator.CoordinatorApplication;

/**
 * Aggregate jobs through the API with three real compute nodes on loopback gRPC: the requester
 * submits with its Paillier public key, the coordinator asks the nodes, sums the ciphertexts,
 * relays the attestations and settles as the operator; the requester decrypts client-side.
 */
class JobsApiTest extends ApiTestBase {
    static final int THIRD_NODE = 11;
    static final String[] REGIONS = {"north", "south", "east"};
    static final int[] ROWS = {400, 300, 500};
    static final BigInteger FEE = BigInteger.valueOf(3_000_000);

    /** One synthetic patient, for the plaintext answer. */
    record Patient(int age, String region, double hba1c) {}

    static final HomomorphicScheme PAILLIER = HomomorphicSchemes.byName("paillier");
    static final HeKeyPair REQUESTER_KEY = PAILLIER.generateKeyPair();
    static final List<ComputeNodeServer> SERVERS = new ArrayList<>();
    static final List<Long> ASSETS = new ArrayList<>();
    static final List<List<Patient>> DATA = new ArrayList<>();
    /** The owner's account of each asset: the hospital owns assets 0 and 2, the second hospital asset 1. */
    static final List<Integer> OWNERS = List.of(HOSPITAL, HOSPITAL_B, HOSPITAL);

    @BeforeEach
    void threeNodesWithOneAssetEach() throws IOException {
        keyOf(OPERATOR); // the operator's chain key is in the secret store
        synchronized (SERVERS) {
            if (!SERVERS.isEmpty()) {
                return;
            }
            long thirdNode = F.as(ADMIN).organisations().register("Regional Clinic Node", Set.of(Role.NODE),
                    F.address(THIRD_NODE));
            List<Long> nodeOrgs = List.of(F.nodeAOrg, F.nodeBOrg, thirdNode);
            List<Integer> nodeAccounts = List.of(NODE_A, NODE_B, THIRD_NODE);
            Path dir = Files.createTempDirectory(ENV.dataDir, "node-data-");
            Random random = new Random(20261125);
            for (int i = 0; i < 3; i++) {
                List<Patient> rows = patients(random, ROWS[i]);
                DATA.add(rows);
                Path file = dir.resolve("patients-" + i + ".csv");
                writeCsv(file, rows);
                CsvTable table = CsvTable.inferring(file);
                Map<String, Object> body = assetBody("Job test registry " + i, List.of(), 1);
                body.put("schemaHash", Hash32.of(table.schema().schemaHash()).hex());
                body.put("contentCommitment", table.commitment().toHash32().hex());
                body.put("allowedOps", List.of("COUNT", "SUM", "MEAN", "VARIANCE", "HISTOGRAM"));
                body.put("nodeOrg", nodeOrgs.get(i));
                ApiClient.Response published = as(OWNERS.get(i)).post("/api/v1/assets", body);
                assertThat(published.status()).as(published.toString()).isEqualTo(201);
                long asset = published.id();
                ASSETS.add(asset);
                ComputeNodeServer server = NodeAssembly.start(F.chain, F.deployment, F.key(nodeAccounts.get(i)),
                        nodeOrgs.get(i), Map.of(asset, table), "127.0.0.1", 0);
                SERVERS.add(server);
                byte[] nodeKey = new byte[33];
                nodeKey[0] = 2;
                F.as(nodeAccounts.get(i)).organisations().setNode("127.0.0.1:" + server.port(), nodeKey);
            }
        }
    }

    @AfterAll
    static void stopNodes() {
        SERVERS.forEach(ComputeNodeServer::close);
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
        AggregateResult answer = decrypt(result.json());
        List<Patient> pooled = DATA.stream().flatMap(List::stream).filter(p -> p.age() >= 40 && p.age() <= 60).toList();
        for (String region : REGIONS) {
            List<Double> values = pooled.stream().filter(p -> p.region().equals(region)).map(Patient::hba1c).toList();
            GroupResult g = answer.group(region);
            assertThat(g.rows()).as("count in " + region).isEqualTo(values.size());
            BigDecimal mean = values.stream().map(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128);
            assertThat(g.value(answer.query().measures().get(1))).as("mean in " + region).isEqualByComparingTo(mean);
        }
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
            assertThat(failed.path("nodes").get(0).path("status").asText()).isEqualTo("OK");
            JsonNode refused = failed.path("nodes").get(1);
            assertThat(refused.path("status").asText()).isEqualTo("REFUSED");
            assertThat(refused.path("error").asText()).startsWith("PERMISSION_DENIED").contains("revoked");
            assertThat(F.as(OUTSIDER).jobs().credit(payer).subtract(creditBefore)).as("fee refunded").isEqualTo(FEE);
            assertThat(requester.get("/api/v1/jobs/" + job + "/result").status()).isEqualTo(409);
        } finally {
            setEndpoint(NODE_B, direct);
        }
    }

    static void setEndpoint(int nodeAccount, String endpoint) {
        byte[] nodeKey = new byte[33];
        nodeKey[0] = 2;
        F.as(nodeAccount).organisations().setNode(endpoint, nodeKey);
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
            String admin = Files.readString(dataDir.resolve("bootstrap-admin.key")).trim();
            ApiClient regulator = ApiClient.bearer(port, admin);
            for (int account : List.of(REQUESTER, OPERATOR)) {
                assertThat(regulator.put("/api/v1/admin/organisations/" + orgOf(account) + "/signing-key",
                        Map.of("privateKey", privateKeyHex(account))).status()).isEqualTo(200);
            }
            requesterKey = regulator.post("/api/v1/admin/organisations/" + F.requesterOrg + "/api-keys",
                    Map.of("label", "restart test")).json().path("apiKey").asText();
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
        // as command-line arguments: they take precedence over application.yml
        return new SpringApplicationBuilder(CoordinatorApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    // ---- helpers -------------------------------------------------------------------------

    static void assertInvalid(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.problemType()).isEqualTo("urn:dirchain:problem:validation");
        assertThat(r.errorFields()).as(r.toString()).contains(field);
    }

    List<Long> approvedGrants() {
        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = grantBody(ASSETS.get(i));
            body.put("operations", List.of("COUNT", "MEAN"));
            ApiClient.Response requested = as(REQUESTER).post("/api/v1/grants", body);
            assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
            ApiClient.Response approved = as(OWNERS.get(i)).post("/api/v1/grants/" + requested.id() + "/approve", null);
            assertThat(approved.json().path("status").asText()).as(approved.toString()).isEqualTo("APPROVED");
            grants.add(requested.id());
        }
        return grants;
    }

    /** "Mean HbA1c of patients aged 40–60, by region", for the requester's key. */
    static Map<String, Object> jobBody(List<Long> grants, int quorum) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("filters", List.of(Map.of("column", "age", "op", "BETWEEN", "values", List.of("40", "60"))));
        query.put("groupBy", "region");
        query.put("groups", List.of(REGIONS));
        query.put("measures", List.of(Map.of("kind", "COUNT"), Map.of("kind", "MEAN", "column", "hba1c")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grants", grants);
        body.put("query", query);
        body.put("heScheme", "paillier");
        body.put("hePublicKey", Base64.getEncoder().encodeToString(PAILLIER.serializePublicKey(REQUESTER_KEY.publicKey())));
        body.put("quorum", quorum);
        body.put("timeoutSeconds", 3600);
        body.put("feeWei", FEE.toString());
        return body;
    }

    /** The same query as the node's model reads it, built by the requester from what it asked. */
    static AggregateQuery query() {
        Query q = Query.newBuilder()
                .addFilters(Filter.newBuilder().setColumn("age").setOp(Filter.Op.BETWEEN).addValues("40").addValues("60"))
                .setGroupBy("region").addAllGroups(List.of(REGIONS))
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.COUNT))
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.MEAN).setColumn("hba1c"))
                .build();
        return AggregateSpecs.toQuery(AggregateSpec.newBuilder().setQuery(q).build());
    }

    /** Client side: decrypt with the secret key, unpack the lanes, finish the statistics. */
    static AggregateResult decrypt(JsonNode result) {
        assertThat(result.path("heScheme").asText()).isEqualTo("paillier");
        List<HeCiphertext> vector = new ArrayList<>();
        result.path("ciphertexts").forEach(c -> vector.add(
                PAILLIER.deserializeCiphertext(REQUESTER_KEY.publicKey(), Base64.getDecoder().decode(c.asText()))));
        AggregateQuery query = query();
        BigInteger[] values = EncryptedAggregator.decrypt(PAILLIER, REQUESTER_KEY.secretKey(), REQUESTER_KEY.publicKey(),
                vector, new LanePacking(result.path("laneBits").asInt(), REQUESTER_KEY.publicKey().plaintextModulus()),
                new VectorLayout(query).length(), result.path("contributions").asInt());
        return PartialAggregate.fromVector(query, values).finish();
    }

    static JsonNode awaitJob(ApiClient client, long job, Predicate<JsonNode> done) {
        return client.poll("/api/v1/jobs/" + job, r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return done.test(r.json()) ? java.util.Optional.of(r.json()) : java.util.Optional.empty();
        }, Duration.ofSeconds(120));
    }

    static List<Patient> patients(Random r, int n) {
        List<Patient> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int age = 18 + r.nextInt(70);
            double hba1c = Math.round((4.5 + r.nextDouble() * 6 + (age > 50 ? 0.8 : 0)) * 10) / 10.0;
            rows.add(new Patient(age, REGIONS[r.nextInt(REGIONS.length)], hba1c));
        }
        return rows;
    }

    static void writeCsv(Path file, List<Patient> rows) {
        StringBuilder sb = new StringBuilder("age,region,hba1c\n");
        rows.forEach(p -> sb.append(p.age()).append(',').append(p.region()).append(',').append(p.hba1c()).append('\n'));
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
