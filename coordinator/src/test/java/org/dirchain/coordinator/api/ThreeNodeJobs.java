package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.ADMIN;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL_B;
import static org.dirchain.chain.DirectoryFixture.NODE_A;
import static org.dirchain.chain.DirectoryFixture.NODE_B;
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
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Role;
import org.dirchain.coordinator.testing.CoordinatorTestEnvironment;
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

/**
 * Three real compute nodes on loopback gRPC, one synthetic patient registry each, started once per
 * test JVM and shared by every class that runs aggregate jobs (whichever coordinator publishes the
 * assets, they are on the shared chain); and the requester's side of a job: the request body, the
 * grants it needs, client-side decryption.
 */
final class ThreeNodeJobs {
    static final int THIRD_NODE = 11;
    static final String[] REGIONS = {"north", "south", "east"};
    static final int[] ROWS = {400, 300, 500};
    static final BigInteger FEE = BigInteger.valueOf(3_000_000);
    /** The owner's account of each asset: the hospital owns assets 0 and 2, the second hospital asset 1. */
    static final List<Integer> OWNERS = List.of(HOSPITAL, HOSPITAL_B, HOSPITAL);

    /** One synthetic patient, for the plaintext answer. */
    record Patient(int age, String region, double hba1c) {}

    static final HomomorphicScheme PAILLIER = HomomorphicSchemes.byName("paillier");
    static final HeKeyPair REQUESTER_KEY = PAILLIER.generateKeyPair();
    static final List<ComputeNodeServer> SERVERS = new ArrayList<>();
    static final List<Long> ASSETS = new ArrayList<>();
    static final List<List<Patient>> DATA = new ArrayList<>();
    /** A second asset per node for federated training (features x1..x3, 0/1 label y), uneven sizes. */
    static final int[] TRAINING_ROWS = {900, 600, 1500};
    /** Features of the training assets: x1 … x{n}; set by the first {@link #start} (3 unless a benchmark asks). */
    static int trainingFeatures = 3;
    static final List<Long> TRAINING_ASSETS = new ArrayList<>();
    /**
     * A third asset per node: patient-level rows with an identifier, published under a strict release
     * policy ({@link #strictPolicy}): what a hostile requester with an approved grant attacks.
     */
    static final int[] REGISTRY_ROWS = {240, 180, 300};
    static final List<Long> REGISTRY_ASSETS = new ArrayList<>();
    static final List<List<RegistryPatient>> REGISTRY_DATA = new ArrayList<>();
    static final String REGISTRY_SCHEMA = "patient_id:TEXT,age:INTEGER,region:TEXT,hba1c:DECIMAL,outcome:INTEGER";
    static final int REGISTRY_MIN_CELL = 10;

    /** A patient of a registry: an identifier, a quasi-identifier (age), values and a 0/1 outcome. */
    record RegistryPatient(String id, int age, String region, double hba1c, int outcome) {}
    static final List<Path> TRAINING_FILES = new ArrayList<>();

    private static final CoordinatorTestEnvironment ENV = CoordinatorTestEnvironment.get();
    private static final DirectoryFixture F = ENV.fixture;

    private ThreeNodeJobs() {}

    /** Starts the nodes with {@link #ROWS} rows each, unless they run already. */
    static void start(IntFunction<ApiClient> as) {
        start(as, ROWS);
    }

    /**
     * Starts the nodes unless they run already (then {@code rows} is ignored); the assets are
     * published through the coordinator {@code as} speaks to, as each owner.
     */
    static void start(IntFunction<ApiClient> as, int[] rows) {
        start(as, rows, TRAINING_ROWS.clone(), 3);
    }

    /** As {@link #start(IntFunction, int[])}, with training assets of these sizes and feature count. */
    static void start(IntFunction<ApiClient> as, int[] rows, int[] trainingRows, int features) {
        synchronized (SERVERS) {
            if (!SERVERS.isEmpty()) {
                return;
            }
            System.arraycopy(trainingRows, 0, TRAINING_ROWS, 0, TRAINING_ROWS.length);
            trainingFeatures = features;
            try {
                startNodes(as, rows);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> SERVERS.forEach(ComputeNodeServer::close),
                    "compute-nodes-stop"));
        }
    }

    private static void startNodes(IntFunction<ApiClient> as, int[] rowCounts) throws IOException {
        long thirdNode = F.as(ADMIN).organisations().register("Regional Clinic Node", Set.of(Role.NODE),
                F.address(THIRD_NODE));
        List<Long> nodeOrgs = List.of(F.nodeAOrg, F.nodeBOrg, thirdNode);
        List<Integer> nodeAccounts = List.of(NODE_A, NODE_B, THIRD_NODE);
        Path dir = Files.createTempDirectory(ENV.dataDir, "node-data-");
        Random random = new Random(20261125);
        for (int i = 0; i < 3; i++) {
            List<Patient> rows = patients(random, rowCounts[i]);
            DATA.add(rows);
            Path file = dir.resolve("patients-" + i + ".csv");
            writeCsv(file, rows);
            CsvTable table = CsvTable.inferring(file);
            Map<String, Object> body = ApiTestBase.assetBody("Job test registry " + i, List.of(), 1);
            body.put("schemaHash", Hash32.of(table.schema().schemaHash()).hex());
            body.put("schema", ApiTestBase.schemaBody(table.schema().canonical()));
            body.put("contentCommitment", table.commitment().toHash32().hex());
            body.put("allowedOps", List.of("COUNT", "SUM", "MEAN", "VARIANCE", "HISTOGRAM"));
            body.put("nodeOrg", nodeOrgs.get(i));
            ApiClient.Response published = as.apply(OWNERS.get(i)).post("/api/v1/assets", body);
            assertThat(published.status()).as(published.toString()).isEqualTo(201);
            long asset = published.id();
            ASSETS.add(asset);
            Path trainingFile = dir.resolve("training-" + i + ".csv");
            writeTrainingCsv(trainingFile, new Random(7 + i), TRAINING_ROWS[i], trainingFeatures);
            CsvTable trainingTable = CsvTable.inferring(trainingFile);
            Map<String, Object> trainingBody = ApiTestBase.assetBody("Training registry " + i, List.of(), 1);
            trainingBody.put("schemaHash", Hash32.of(trainingTable.schema().schemaHash()).hex());
            trainingBody.put("schema", ApiTestBase.schemaBody(trainingTable.schema().canonical()));
            trainingBody.put("contentCommitment", trainingTable.commitment().toHash32().hex());
            trainingBody.put("allowedOps", List.of("TRAIN_LOGISTIC"));
            trainingBody.put("nodeOrg", nodeOrgs.get(i));
            ApiClient.Response trainingAsset = as.apply(OWNERS.get(i)).post("/api/v1/assets", trainingBody);
            assertThat(trainingAsset.status()).as(trainingAsset.toString()).isEqualTo(201);
            TRAINING_ASSETS.add(trainingAsset.id());
            TRAINING_FILES.add(trainingFile);
            Path registryFile = dir.resolve("registry-" + i + ".csv");
            List<RegistryPatient> registry = registryPatients(new Random(31 + i), i, REGISTRY_ROWS[i]);
            REGISTRY_DATA.add(registry);
            writeRegistryCsv(registryFile, registry);
            CsvTable registryTable = CsvTable.inferring(registryFile);
            assertThat(registryTable.schema().canonical()).isEqualTo(REGISTRY_SCHEMA);
            Map<String, Object> registryBody = ApiTestBase.assetBody("Patient registry " + i, List.of(), 1);
            registryBody.put("schema", ApiTestBase.schemaBody(REGISTRY_SCHEMA));
            registryBody.put("contentCommitment", registryTable.commitment().toHash32().hex());
            registryBody.put("allowedOps", List.of("COUNT", "SUM", "MEAN", "VARIANCE", "HISTOGRAM", "TRAIN_LOGISTIC"));
            registryBody.put("nodeOrg", nodeOrgs.get(i));
            registryBody.put("releasePolicy", strictPolicy());
            ApiClient.Response registryAsset = as.apply(OWNERS.get(i)).post("/api/v1/assets", registryBody);
            assertThat(registryAsset.status()).as(registryAsset.toString()).isEqualTo(201);
            REGISTRY_ASSETS.add(registryAsset.id());
            ComputeNodeServer server = NodeAssembly.start(F.chain, F.deployment, F.key(nodeAccounts.get(i)),
                    nodeOrgs.get(i), Map.of(asset, table, trainingAsset.id(), trainingTable, registryAsset.id(),
                            registryTable), "127.0.0.1", 0);
            SERVERS.add(server);
            setEndpoint(nodeAccounts.get(i), "127.0.0.1:" + server.port());
        }
    }

    static void setEndpoint(int nodeAccount, String endpoint) {
        byte[] nodeKey = new byte[33];
        nodeKey[0] = 2;
        F.as(nodeAccount).organisations().setNode(endpoint, nodeKey);
    }

    /** A grant on each of the three assets, requested by the requester and approved by its owner. */
    static List<Long> approvedGrants(IntFunction<ApiClient> as) {
        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            grants.add(approvedGrant(as, REQUESTER, i, body -> {}));
        }
        return grants;
    }

    /**
     * A grant on asset {@code assetIndex} (COUNT and MEAN, {@link ApiTestBase#grantBody} otherwise,
     * then {@code adjust}ed), requested by the organisation of {@code requester} and approved by the
     * asset's owner.
     */
    static long approvedGrant(IntFunction<ApiClient> as, int requester, int assetIndex,
            Consumer<Map<String, Object>> adjust) {
        return approvedGrant(as, requester, ASSETS.get(assetIndex), OWNERS.get(assetIndex), body -> {
            body.put("operations", List.of("COUNT", "MEAN"));
            adjust.accept(body);
        });
    }

    /** A grant on {@code assetId} ({@link ApiTestBase#grantBody}, then {@code adjust}ed), approved by {@code owner}. */
    private static long approvedGrant(IntFunction<ApiClient> as, int requester, long assetId, int owner,
            Consumer<Map<String, Object>> adjust) {
        Map<String, Object> body = ApiTestBase.grantBody(assetId);
        adjust.accept(body);
        ApiClient.Response requested = as.apply(requester).post("/api/v1/grants", body);
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        ApiClient.Response approved = as.apply(owner).post("/api/v1/grants/" + requested.id() + "/approve", null);
        assertThat(approved.json().path("status").asText()).as(approved.toString()).isEqualTo("APPROVED");
        return requested.id();
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

    /** Decrypts the result and checks it against the plaintext answer over all three registries. */
    static void assertDecryptsToThePlaintextAnswer(JsonNode result) {
        AggregateResult answer = decrypt(result);
        List<Patient> pooled = DATA.stream().flatMap(List::stream).filter(p -> p.age() >= 40 && p.age() <= 60).toList();
        for (String region : REGIONS) {
            List<Double> values = pooled.stream().filter(p -> p.region().equals(region)).map(Patient::hba1c).toList();
            GroupResult g = answer.group(region);
            assertThat(g.rows()).as("count in " + region).isEqualTo(values.size());
            BigDecimal mean = values.stream().map(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128);
            assertThat(g.value(answer.query().measures().get(1))).as("mean in " + region).isEqualByComparingTo(mean);
        }
    }

    static JsonNode awaitJob(ApiClient client, long job, Predicate<JsonNode> done) {
        return client.poll("/api/v1/jobs/" + job, r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            return done.test(r.json()) ? Optional.of(r.json()) : Optional.empty();
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

    /**
     * y ~ Bernoulli(σ(β·z − 0.3)) on standard-normal z, written shifted and scaled per feature; with
     * 3 features β = (0.8, −1.2, 0.5), with more a fixed pattern of weights in [−1.2, 1.2].
     */
    static void writeTrainingCsv(Path file, Random r, int n, int features) {
        double[] beta = new double[features];
        for (int k = 0; k < features; k++) {
            beta[k] = features == 3 ? new double[] {0.8, -1.2, 0.5}[k] : ((k * 7) % 13 - 6) / 5.0;
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 1; k <= features; k++) {
            sb.append('x').append(k).append(k < features ? "," : ",y\n");
        }
        double[] z = new double[features];
        for (int i = 0; i < n; i++) {
            double margin = -0.3;
            for (int k = 0; k < features; k++) {
                z[k] = r.nextGaussian();
                margin += beta[k] * z[k];
            }
            for (int k = 0; k < features; k++) {
                double raw = k % 3 == 0 ? 50 + 10 * z[k] : k % 3 == 1 ? 25 + 4 * z[k] : z[k];
                sb.append(Math.round(raw * 1e4) / 1e4).append(',');
            }
            sb.append(r.nextDouble() < 1 / (1 + Math.exp(-margin)) ? 1 : 0).append('\n');
        }
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A TRAIN_LOGISTIC grant on each training asset, requested by the requester and approved by its owner. */
    static List<Long> trainingGrants(IntFunction<ApiClient> as) {
        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = ApiTestBase.grantBody(TRAINING_ASSETS.get(i));
            body.put("operations", List.of("TRAIN_LOGISTIC"));
            ApiClient.Response requested = as.apply(REQUESTER).post("/api/v1/grants", body);
            assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
            as.apply(OWNERS.get(i)).post("/api/v1/grants/" + requested.id() + "/approve", null);
            grants.add(requested.id());
        }
        return grants;
    }

    /**
     * DP required with epsilon 0.1..1 per job and 3 per requester organisation; cells of 10 rows at
     * least, 20 cells per query at most; patient_id an identifier, age a quasi-identifier with ranges.
     */
    static Map<String, Object> strictPolicy() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("dpRequired", true);
        p.put("minEpsilon", "0.1");
        p.put("maxEpsilon", "1");
        p.put("requesterEpsilonBudget", "3");
        p.put("minCellSize", REGISTRY_MIN_CELL);
        p.put("maxCells", 20);
        p.put("integerGroups", false);
        p.put("quasiIdentifierRanges", true);
        p.put("identifiers", List.of("patient_id"));
        p.put("quasiIdentifiers", List.of("age"));
        return p;
    }

    static List<RegistryPatient> registryPatients(Random r, int node, int n) {
        List<RegistryPatient> rows = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int age = 18 + r.nextInt(70);
            double hba1c = Math.round((4.5 + r.nextDouble() * 6 + (age > 50 ? 0.8 : 0)) * 10) / 10.0;
            int outcome = r.nextDouble() < 1 / (1 + Math.exp(-(hba1c - 7.5))) ? 1 : 0;
            rows.add(new RegistryPatient("P" + node + "-" + k, age, REGIONS[r.nextInt(REGIONS.length)], hba1c, outcome));
        }
        return rows;
    }

    static void writeRegistryCsv(Path file, List<RegistryPatient> rows) {
        StringBuilder sb = new StringBuilder("patient_id,age,region,hba1c,outcome\n");
        rows.forEach(p -> sb.append(p.id()).append(',').append(p.age()).append(',').append(p.region()).append(',')
                .append(p.hba1c()).append(',').append(p.outcome()).append('\n'));
        try {
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A grant on registry {@code index} for {@code operations}, requested by {@code requester}, approved. */
    static long registryGrant(IntFunction<ApiClient> as, int requester, int index, List<String> operations,
            long epsilonBudgetMilli) {
        return approvedGrant(as, requester, REGISTRY_ASSETS.get(index), OWNERS.get(index), body -> {
            body.put("operations", operations);
            body.put("epsilonBudgetMilli", epsilonBudgetMilli);
        });
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
