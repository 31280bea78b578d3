package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.dirchain.chain.DirectoryFixture.NODE_B;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.dirchain.coordinator.api.ThreeNodeJobs.OWNERS;
import static org.dirchain.coordinator.api.ThreeNodeJobs.TRAINING_ASSETS;
import static org.dirchain.coordinator.api.ThreeNodeJobs.TRAINING_FILES;
import static org.dirchain.coordinator.api.ThreeNodeJobs.awaitJob;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.federated.Model;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.TrainingOutcome;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.privacy.DpTraining;
import org.dirchain.node.train.LocalClient;
import org.dirchain.node.train.LocalFederation;
import org.dirchain.node.train.TrainingSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Federated training through the API with three real nodes over gRPC and secure aggregation: the
 * model equals centralised gradient descent on the pooled rows, every round is reported, the model
 * hash is settled with each node's rows × rounds; a bad spec is refused before anything runs.
 */
class TrainingApiTest extends ApiTestBase {
    static final int ROUNDS = 12;

    @BeforeEach
    void nodes() {
        keyOf(OPERATOR);
        ThreeNodeJobs.start(this::as);
    }

    private List<Long> trainingGrants() {
        return ThreeNodeJobs.trainingGrants(this::as);
    }

    static Map<String, Object> trainingBody(List<Long> grants) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grants", grants);
        body.put("model", "LOGISTIC");
        body.put("features", List.of("x1", "x2", "x3"));
        body.put("label", "y");
        body.put("l2", 0.01);
        body.put("rounds", ROUNDS);
        body.put("learningRate", 0.8);
        body.put("holdoutFraction", 0.0); // full batch, one epoch, no hold-out: FedAvg is exactly centralised GD
        body.put("quorum", 2);
        body.put("timeoutSeconds", 3600);
        body.put("feeWei", "3000000");
        return body;
    }

    @Test
    void securelyAggregatedTrainingMatchesCentralisedAndSettlesTheModelHash() throws Exception {
        ApiClient.Response submitted = as(REQUESTER).post("/api/v1/training-jobs", trainingBody(trainingGrants()));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        long job = submitted.json().path("id").asLong();
        JsonNode done = awaitJob(as(REQUESTER), job, j -> j.path("chainStatus").asText().equals("SETTLED")
                || j.path("status").asText().equals("FAILED"));
        assertThat(done.path("status").asText()).as(done.toString()).isNotEqualTo("FAILED");

        ApiClient.Response result = as(REQUESTER).get("/api/v1/jobs/" + job + "/result");
        assertThat(result.status()).as(result.toString()).isEqualTo(200);
        JsonNode model = result.json();
        assertIsCentralisedGradientDescent(model, ROUNDS);

        JsonNode rounds = as(REQUESTER).get("/api/v1/jobs/" + job + "/rounds").json();
        assertThat(rounds).hasSize(ROUNDS);
        assertThat(rounds.get(0).path("participants")).hasSize(3);
        assertThat(rounds.get(ROUNDS - 1).path("trainLoss").asDouble()).isLessThan(rounds.get(0).path("trainLoss").asDouble());
        assertThat(as(OTHER_REQUESTER).get("/api/v1/jobs/" + job + "/rounds").status()).isEqualTo(404);

        var onChain = F.as(REQUESTER).jobs().job(job);
        assertThat(onChain.status()).isEqualTo(JobStatus.SETTLED);
        assertThat(onChain.resultHash()).isEqualTo(Hash32.keccak(result.raw().body().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (int i = 0; i < 3; i++) {
            long rows = ThreeNodeJobs.TRAINING_ROWS[i];
            assertThat(onChain.assets().get(i).weight()).as("asset " + i + ": rows × rounds").isEqualTo(rows * ROUNDS);
        }
    }

    /**
     * The model of {@link #trainingBody} run for {@code rounds} is gradient descent on the pooled rows:
     * the same rows in one place give the same gradient, so summing the clients in process is the pooled fit.
     */
    static void assertIsCentralisedGradientDescent(JsonNode model, int rounds) {
        TrainingSpec spec = new TrainingSpec(ModelKind.LOGISTIC, List.of("x1", "x2", "x3"), "y", List.of(), 0.01, rounds, 1,
                0.8, TrainingSpec.FULL_BATCH, 0, 0.0, 1);
        List<LocalClient> pooled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pooled.add(new LocalClient("part-" + i, CsvTable.inferring(TRAINING_FILES.get(i))));
        }
        TrainingOutcome central = LocalFederation.train(spec, 1, pooled);
        Model raw = central.standardiser().toRawScale(central.model());
        for (int k = 0; k < 3; k++) {
            assertThat(model.path("rawCoefficients").get(k).asDouble()).as("coefficient " + k)
                    .isCloseTo(raw.coefficients()[k], within(1e-6));
        }
        assertThat(model.path("rawIntercept").asDouble()).isCloseTo(raw.intercept(), within(1e-6));
        assertThat(model.path("roundsRun").asInt()).isEqualTo(rounds);
    }

    /** Runs a 40-round job with node 1 behind a proxy that is cut once 3 rounds are reported. */
    private JsonNode trainWhileTheSecondNodeDrops(int quorum) throws Exception {
        String direct = "127.0.0.1:" + ThreeNodeJobs.SERVERS.get(1).port();
        Map<String, Object> body = trainingBody(trainingGrants());
        body.put("rounds", 40);
        body.put("quorum", quorum);
        try (GatedTcpProxy proxy = new GatedTcpProxy(ThreeNodeJobs.SERVERS.get(1).port())) {
            ThreeNodeJobs.setEndpoint(NODE_B, "127.0.0.1:" + proxy.port());
            proxy.open();
            long job = as(REQUESTER).post("/api/v1/training-jobs", body).json().path("id").asLong();
            as(REQUESTER).poll("/api/v1/jobs/" + job + "/rounds",
                    r -> r.json().size() >= 3 ? java.util.Optional.of(r) : java.util.Optional.empty(), java.time.Duration.ofSeconds(60));
            proxy.close(); // the node is gone mid-training
            ThreeNodeJobs.setEndpoint(NODE_B, direct); // it is back for the attestation at the end
            return awaitJob(as(REQUESTER), job, j -> j.path("chainStatus").asText().matches("SETTLED|FAILED"));
        } finally {
            ThreeNodeJobs.setEndpoint(NODE_B, direct);
        }
    }

    @Test
    void aNodeDroppingMidTrainingIsLeftOutAndTheJobSettlesAboveQuorum() throws Exception {
        JsonNode done = trainWhileTheSecondNodeDrops(2);
        assertThat(done.path("chainStatus").asText()).as(done.toString()).isEqualTo("SETTLED");
        long job = done.path("id").asLong();
        JsonNode rounds = as(REQUESTER).get("/api/v1/jobs/" + job + "/rounds").json();
        assertThat(rounds).hasSize(40);
        int withAll = 0;
        for (JsonNode r : rounds) {
            if (r.path("participants").size() == 3) {
                withAll++;
            } else {
                assertThat(r.path("participants").toString()).doesNotContain("asset-1");
                assertThat(r.path("dropped").toString()).contains("asset-1").contains("UNAVAILABLE");
            }
        }
        assertThat(withAll).isBetween(3, 39);
        long rows = ThreeNodeJobs.TRAINING_ROWS[1];
        var onChain = F.as(REQUESTER).jobs().job(job);
        // The node counts a round when the unmasking confirms its update is in the sum; if the cut fell
        // between its masked input and the unmasking, that last round is summed but not attested.
        long weight = onChain.assets().get(1).weight();
        assertThat(weight % rows).isZero();
        assertThat(weight / rows).as("rounds attested by the dropped node").isBetween(withAll - 1L, (long) withAll);
        assertThat(onChain.assets().get(0).weight()).isEqualTo(ThreeNodeJobs.TRAINING_ROWS[0] * 40L);
    }

    @Test
    void belowQuorumTheJobFailsNamingTheRoundAndTheNodeAndIsRefunded() throws Exception {
        JsonNode done = trainWhileTheSecondNodeDrops(3);
        assertThat(done.path("chainStatus").asText()).as(done.toString()).isEqualTo("FAILED");
        assertThat(done.path("status").asText()).isEqualTo("FAILED");
        // Where in its secure sum the cut lands varies (before advertising or before unmasking); the
        // outcome does not: no sum of 3 that round, and the decision names the round and the node.
        assertThat(done.path("error").asText()).startsWith("round ").contains("clients succeeded, 3 required")
                .contains("asset-1 (UNAVAILABLE");
        assertThat(as(REQUESTER).get("/api/v1/jobs/" + done.path("id").asLong() + "/result").status()).isEqualTo(409);
    }

    @Test
    void aDifferentiallyPrivateJobChargesItsEpsilonAndReleasesNoHoldOutMetrics() {
        List<Long> grants = trainingGrants();
        Map<String, Object> body = trainingBody(grants);
        body.put("epsilon", "1");
        ApiClient.Response missing = as(REQUESTER).post("/api/v1/training-jobs", body);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.toString()).contains("dpClipNorm").contains("dpBounds");
        body.put("dpClipNorm", 1.0);
        body.put("dpDelta", 1e-6);
        body.put("holdoutFraction", 0.2);
        body.put("dpBounds", List.of(Map.of("column", "x1", "lower", 10, "upper", 90),
                Map.of("column", "x2", "lower", 5, "upper", 45), Map.of("column", "x3", "lower", -4, "upper", 4)));
        long job = as(REQUESTER).post("/api/v1/training-jobs", body).json().path("id").asLong();
        JsonNode done = awaitJob(as(REQUESTER), job, j -> j.path("chainStatus").asText().matches("SETTLED|FAILED"));
        assertThat(done.path("chainStatus").asText()).as(done.toString()).isEqualTo("SETTLED");
        assertThat(done.path("epsilonMilli").asLong()).isEqualTo(1000);
        for (JsonNode r : as(REQUESTER).get("/api/v1/jobs/" + job + "/rounds").json()) {
            assertThat(r.path("evaluated").asLong()).isZero();
            assertThat(r.path("accuracy").isNull()).isTrue();
        }
        JsonNode grant = as(REQUESTER).get("/api/v1/grants/" + grants.get(0)).json();
        assertThat(grant.path("epsilonSpentMilli").asLong()).isEqualTo(1000);
    }

    /**
     * The differencing attack on the ledger: two DP jobs whose filters differ by one row at node 0
     * (x1 &lt; v and x1 ≤ v, v the x1 of one row). Each node attests its job's released noisy count ×
     * rounds, so no weight is the exact filtered count and the two jobs' weights are not one row ×
     * rounds apart. The noise is drawn by the nodes, unseeded: the assertions are over all six
     * weights (that all would be exact by chance has probability about 10^-11; that all three
     * differences would be exact, about 10^-6), and each weight must be within 6σ of the exact count.
     */
    @Test
    void twoPrivateJobsWhoseFiltersDifferByOneRowGetWeightsThatDoNotRevealIt() throws Exception {
        String v = uniqueFirstFeatureValueOfNode0();
        long[][] exact = new long[2][3];
        long[][] released = new long[2][3];
        List<String> ops = List.of("LT", "LE");
        for (int job = 0; job < 2; job++) {
            Map<String, Object> body = privateBody(trainingGrants());
            body.put("holdoutFraction", 0.0);
            body.put("filters", List.of(Map.of("column", "x1", "op", ops.get(job), "values", List.of(v))));
            long id = as(REQUESTER).post("/api/v1/training-jobs", body).json().path("id").asLong();
            JsonNode done = awaitJob(as(REQUESTER), id, j -> j.path("chainStatus").asText().matches("SETTLED|FAILED"));
            assertThat(done.path("chainStatus").asText()).as(done.toString()).isEqualTo("SETTLED");
            var onChain = F.as(REQUESTER).jobs().job(id);
            for (int i = 0; i < 3; i++) {
                exact[job][i] = countFirstFeature(i, v, job == 1);
                long weight = onChain.assets().get(i).weight();
                assertThat(weight % ROUNDS).as("job " + job + " asset " + i + ": released count × rounds").isZero();
                released[job][i] = weight / ROUNDS;
            }
        }
        assertThat(exact[1][0] - exact[0][0]).as("the filters differ by one row at node 0").isEqualTo(1);
        assertThat(exact[1][1]).isEqualTo(exact[0][1]);
        assertThat(exact[1][2]).isEqualTo(exact[0][2]);
        double sigma = Math.sqrt(new DpTraining(1.0, 1e-6, 1.0, Map.of(), ROUNDS).countVariance().value());
        boolean allExact = true;
        for (int job = 0; job < 2; job++) {
            for (int i = 0; i < 3; i++) {
                assertThat((double) Math.abs(released[job][i] - exact[job][i])).as("noise within 6σ").isLessThanOrEqualTo(6 * sigma);
                allExact &= released[job][i] == exact[job][i];
            }
        }
        assertThat(allExact).as("attested weights are not the exact filtered counts: " + java.util.Arrays.deepToString(released)
                + " vs " + java.util.Arrays.deepToString(exact)).isFalse();
        boolean differencesExact = true;
        for (int i = 0; i < 3; i++) {
            differencesExact &= released[1][i] - released[0][i] == exact[1][i] - exact[0][i];
        }
        assertThat(differencesExact).as("the jobs' weight differences are not the exact 1, 0, 0 rows × rounds").isFalse();
    }

    private static Map<String, Object> privateBody(List<Long> grants) {
        Map<String, Object> body = trainingBody(grants);
        body.put("epsilon", "1");
        body.put("dpClipNorm", 1.0);
        body.put("dpDelta", 1e-6);
        body.put("dpBounds", List.of(Map.of("column", "x1", "lower", 10, "upper", 90),
                Map.of("column", "x2", "lower", 5, "upper", 45), Map.of("column", "x3", "lower", -4, "upper", 4)));
        return body;
    }

    /** The x1 text of a row of node 0 near the middle of its values that no other row of any node shares. */
    private static String uniqueFirstFeatureValueOfNode0() throws java.io.IOException {
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < 3; i++) {
            firstFeature(i).forEach(x -> seen.merge(x, 1, Integer::sum));
        }
        List<String> node0 = new ArrayList<>(firstFeature(0));
        node0.sort(java.util.Comparator.comparing(java.math.BigDecimal::new));
        for (int k = node0.size() / 2; k < node0.size(); k++) {
            if (seen.get(node0.get(k)) == 1) {
                return node0.get(k);
            }
        }
        throw new IllegalStateException("no unique x1 value");
    }

    private static List<String> firstFeature(int node) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(TRAINING_FILES.get(node)).stream().skip(1).map(l -> l.split(",")[0]).toList();
    }

    private static long countFirstFeature(int node, String v, boolean inclusive) throws java.io.IOException {
        java.math.BigDecimal bound = new java.math.BigDecimal(v);
        return firstFeature(node).stream().map(java.math.BigDecimal::new)
                .filter(x -> inclusive ? x.compareTo(bound) <= 0 : x.compareTo(bound) < 0).count();
    }

    @Test
    void aSpecThatDoesNotFitThePublishedSchemaIsRefusedBeforeAnythingTouchesTheChain() {
        long jobsBefore = F.as(REQUESTER).jobs().count();
        Map<String, Object> body = trainingBody(trainingGrants());
        body.put("features", List.of("x1", "weight"));
        ApiClient.Response r = as(REQUESTER).post("/api/v1/training-jobs", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.problemType()).isEqualTo(org.dirchain.coordinator.web.ProblemTypes.RELEASE_POLICY);
        assertThat(r.errorFields()).containsExactly("features[1]");
        assertThat(r.json().path("detail").asText()).contains("no column 'weight'");
        assertThat(F.as(REQUESTER).jobs().count()).as("nothing on chain").isEqualTo(jobsBefore);
    }

    @Test
    void aBadSpecIsRefusedBeforeAnythingTouchesTheChain() {
        long jobsBefore = F.as(REQUESTER).jobs().count();
        Map<String, Object> zeroRounds = trainingBody(List.of(1L, 2L));
        zeroRounds.put("rounds", 0);
        assertThat(as(REQUESTER).post("/api/v1/training-jobs", zeroRounds).status()).isEqualTo(400);
        Map<String, Object> labelAsFeature = trainingBody(List.of(1L, 2L));
        labelAsFeature.put("label", "x1");
        ApiClient.Response r = as(REQUESTER).post("/api/v1/training-jobs", labelAsFeature);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.toString()).contains("label");
        Map<String, Object> oneNode = trainingBody(List.of(1L));
        oneNode.put("quorum", 1);
        assertThat(as(REQUESTER).post("/api/v1/training-jobs", oneNode).status()).isEqualTo(400);
        // two assets of one node: the node is one participant of each secure sum
        List<Long> grants = new ArrayList<>(trainingGrants());
        grants.add(ThreeNodeJobs.approvedGrants(this::as).get(0)); // node A's other asset
        ApiClient.Response sameNode = as(REQUESTER).post("/api/v1/training-jobs", trainingBody(grants));
        assertThat(sameNode.status()).as(sameNode.toString()).isEqualTo(400);
        assertThat(sameNode.toString()).contains("same node organisation").contains("one asset per node");
        assertThat(F.as(REQUESTER).jobs().count()).isEqualTo(jobsBefore);
    }
}
