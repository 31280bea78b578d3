package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.TrainingOutcome;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.train.LocalClient;
import org.dirchain.node.train.LocalFederation;
import org.dirchain.node.train.TrainingSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Benchmark, not a test (its name keeps it out of the test run): one federated logistic training
 * job through the API over the three real nodes of {@link ThreeNodeJobs} (secure aggregation in
 * every stage, on-chain checks at every node, settlement), then in the same JVM the centralised fit
 * of the same spec on the pooled rows. Run:
 * {@code ./mvnw -o -q -B -pl coordinator -am verify -Dtest=TrainingBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.rows=100000 -Dbench.features=30}
 * and copy the printed table into docs/performance.md.
 */
// Named in -Dtest only: a pattern such as org.dirchain.coordinator.** must not start its context
@EnabledIfSystemProperty(named = "test", matches = ".*TrainingBench.*",
        disabledReason = "a benchmark, not a test: run it with -Dtest=TrainingBench")
class TrainingBench extends ApiTestBase {
    /** One key at many requests a second: the partner rate limit would be what is measured. */
    @DynamicPropertySource
    static void noRateLimit(DynamicPropertyRegistry registry) {
        registry.add("dirchain.coordinator.rate-limit.enabled", () -> "false");
    }

    @Test
    void federatedAgainstCentralised() throws IOException {
        int rows = Integer.getInteger("bench.rows", 100_000);
        int features = Integer.getInteger("bench.features", 30);
        int rounds = Integer.getInteger("bench.rounds", 60);
        int epochs = Integer.getInteger("bench.epochs", 2);
        double tolerance = Double.parseDouble(System.getProperty("bench.tolerance", "1e-3"));
        keyOf(OPERATOR);
        ThreeNodeJobs.start(this::as, new int[] {100, 100, 100}, new int[] {rows, rows, rows}, features);
        List<String> columns = new ArrayList<>();
        for (int k = 1; k <= features; k++) {
            columns.add("x" + k);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("grants", ThreeNodeJobs.trainingGrants(this::as));
        body.put("model", "LOGISTIC");
        body.put("features", columns);
        body.put("label", "y");
        body.put("l2", 1e-4);
        body.put("rounds", rounds);
        body.put("localEpochs", epochs);
        body.put("learningRate", 1.0);
        body.put("tolerance", tolerance);
        body.put("holdoutFraction", 0.2);
        body.put("quorum", 3);
        body.put("timeoutSeconds", 3600);
        body.put("feeWei", "3000000");

        long start = System.nanoTime();
        ApiClient.Response submitted = as(REQUESTER).post("/api/v1/training-jobs", body);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        long job = submitted.id();
        long resultAt = 0;
        long settledAt = 0;
        while (settledAt == 0) {
            JsonNode j = as(REQUESTER).get("/api/v1/jobs/" + job).json();
            long now = System.nanoTime();
            assertThat(j.path("status").asText()).as(j.toString()).isNotEqualTo("FAILED");
            if (resultAt == 0 && j.path("resultAvailable").asBoolean()) {
                resultAt = now;
            }
            if (j.path("status").asText().equals("SETTLED")) {
                settledAt = now;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        JsonNode history = as(REQUESTER).get("/api/v1/jobs/" + job + "/rounds").json();
        JsonNode last = history.get(history.size() - 1);

        Path pooled = Files.createTempFile("pooled-", ".csv");
        try (Writer w = Files.newBufferedWriter(pooled, StandardCharsets.UTF_8)) {
            for (int i = 0; i < 3; i++) {
                List<String> lines = Files.readAllLines(ThreeNodeJobs.TRAINING_FILES.get(i));
                for (int l = i == 0 ? 0 : 1; l < lines.size(); l++) {
                    w.write(lines.get(l));
                    w.write('\n');
                }
            }
        }
        TrainingSpec spec = new TrainingSpec(ModelKind.LOGISTIC, columns, "y", List.of(), 1e-4, rounds, epochs, 1.0,
                TrainingSpec.FULL_BATCH, tolerance, 0.2, 1);
        long centralStart = System.nanoTime();
        TrainingOutcome central = LocalFederation.train(spec, 1, List.of(new LocalClient("pooled",
                CsvTable.inferring(pooled))));
        long centralNanos = System.nanoTime() - centralStart;
        Files.delete(pooled);

        double fedSeconds = (resultAt - start) / 1e9;
        double centralSeconds = centralNanos / 1e9;
        System.out.printf("%n| %d nodes × %,d rows × %d features, LOGISTIC, %d local epochs | federated (API, secure aggregation) | centralised (one process) |%n",
                3, rows, features, epochs);
        System.out.println("|---|---:|---:|");
        System.out.printf("| rounds to convergence (tolerance %s) | %d | %d |%n", tolerance, history.size(), central.roundsRun());
        System.out.printf("| wall time to the model | %.1f s | %.1f s |%n", fedSeconds, centralSeconds);
        System.out.printf("| per round | %.2f s | %.2f s |%n", fedSeconds / history.size(), centralSeconds / central.roundsRun());
        System.out.printf("| hold-out accuracy | %.4f | %.4f |%n", last.path("accuracy").asDouble(),
                central.lastRound().evaluation().accuracy());
        System.out.printf("| hold-out AUC | %.4f | %.4f |%n", last.path("auc").asDouble(), central.lastRound().evaluation().auc());
        System.out.printf("federated to settled on chain: %.1f s; wall ratio federated/centralised: %.2f%n",
                (settledAt - start) / 1e9, fedSeconds / centralSeconds);
    }
}
