package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
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
        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = grantBody(TRAINING_ASSETS.get(i));
            body.put("operations", List.of("TRAIN_LOGISTIC"));
            ApiClient.Response requested = as(REQUESTER).post("/api/v1/grants", body);
            assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
            as(OWNERS.get(i)).post("/api/v1/grants/" + requested.id() + "/approve", null);
            grants.add(requested.id());
        }
        return grants;
    }

    private static Map<String, Object> trainingBody(List<Long> grants) {
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
        TrainingSpec spec = new TrainingSpec(ModelKind.LOGISTIC, List.of("x1", "x2", "x3"), "y", List.of(), 0.01, ROUNDS, 1,
                0.8, TrainingSpec.FULL_BATCH, 0, 0.0, 1);
        List<LocalClient> pooled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pooled.add(new LocalClient("part-" + i, CsvTable.inferring(TRAINING_FILES.get(i))));
        }
        // The same rows in one place would give the same gradient: summing the clients in process is the pooled fit.
        TrainingOutcome central = LocalFederation.train(spec, 1, pooled);
        Model raw = central.standardiser().toRawScale(central.model());
        for (int k = 0; k < 3; k++) {
            assertThat(model.path("rawCoefficients").get(k).asDouble()).as("coefficient " + k)
                    .isCloseTo(raw.coefficients()[k], within(1e-6));
        }
        assertThat(model.path("rawIntercept").asDouble()).isCloseTo(raw.intercept(), within(1e-6));
        assertThat(model.path("roundsRun").asInt()).isEqualTo(ROUNDS);

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
        assertThat(F.as(REQUESTER).jobs().count()).isEqualTo(jobsBefore);
    }
}
