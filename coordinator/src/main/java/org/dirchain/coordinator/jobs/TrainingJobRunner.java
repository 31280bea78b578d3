package org.dirchain.coordinator.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.index.IndexedJob;
import org.dirchain.chain.index.IndexedOrganisation;
import org.dirchain.coordinator.CoordinatorProperties;
import org.dirchain.federated.FedAvg;
import org.dirchain.federated.FederatedTrainer;
import org.dirchain.federated.QuorumNotMetException;
import org.dirchain.federated.RoundMetrics;
import org.dirchain.federated.TrainingOutcome;
import org.dirchain.federated.TrainingPlan;
import org.dirchain.federated.TrainingRefusedException;
import org.dirchain.node.api.v1.AttestTrainingRequest;
import org.dirchain.node.api.v1.TrainingAttestation;
import org.dirchain.node.api.v1.TrainingSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a submitted training job: FedAvg rounds over the assets' nodes, each stage a secure sum
 * ({@link GrpcSecureFederation}); every round's metrics are stored as the job's progress; then each
 * node attests its part (rows × rounds) and {@link JobAggregation} stores the model and records the
 * attestations and the settlement in the outbox. A failed quorum or a refusal fails the job (refund).
 */
@Component
class TrainingJobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJobRunner.class);

    private final DirectoryIndex index;
    private final JobRepository jobs;
    private final TrainingRepository training;
    private final NodeChannels channels;
    private final JobAggregation aggregation;
    private final JobExecutor executor;
    private final CoordinatorProperties.Jobs settings;
    private final ObjectMapper json;

    TrainingJobRunner(DirectoryIndex index, JobRepository jobs, TrainingRepository training, NodeChannels channels,
            JobAggregation aggregation, JobExecutor executor, CoordinatorProperties properties, ObjectMapper json) {
        this.index = index;
        this.jobs = jobs;
        this.training = training;
        this.channels = channels;
        this.aggregation = aggregation;
        this.executor = executor;
        this.settings = properties.jobs();
        this.json = json;
    }

    void start(long jobId) {
        try {
            executor.execute(() -> run(jobId));
        } catch (RuntimeException e) {
            aggregation.failWithoutContributions(jobId, "the coordinator is saturated; try again later");
        }
    }

    void run(long jobId) {
        try {
            train(jobId);
        } catch (RuntimeException e) {
            LOG.error("training failed job={}: {}", jobId, e.toString(), e);
            aggregation.failWithoutContributions(jobId, "training failed: " + e.getMessage());
        }
    }

    private void train(long jobId) {
        JobRecord job = jobs.job(jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
        IndexedJob onChain = index.job(jobId).orElseThrow(() -> new IllegalStateException("job " + jobId + " not indexed"));
        TrainingSpec spec = parse(job.spec());
        TrainingPlan plan = TrainingJobSpecs.plan(spec);
        if (!jobs.updateJobIf(jobId, List.of(JobState.SUBMITTED), JobState.RUNNING, "setup: agreeing on feature scaling",
                null)) {
            return;
        }
        List<GrpcSecureFederation.Node> nodes = new ArrayList<>();
        for (int i = 0; i < onChain.assetIds().size(); i++) {
            long assetId = onChain.assetIds().get(i);
            long nodeOrg = index.asset(assetId).map(IndexedAsset::nodeOrg).orElse(0L);
            jobs.insertContribution(jobId, i, assetId, nodeOrg);
            String endpoint = index.organisation(nodeOrg).map(IndexedOrganisation::nodeEndpoint).orElse(null);
            if (!NodeChannels.isEndpoint(endpoint)) {
                jobs.recordFailure(jobId, i, ContributionStatus.UNREACHABLE,
                        "node organisation " + nodeOrg + " has registered no endpoint (host:port)");
                continue;
            }
            nodes.add(new GrpcSecureFederation.Node(id(i), (int) nodeOrg, assetId, channels.node(endpoint)));
        }
        GrpcSecureFederation federation = new GrpcSecureFederation(jobId, job.spec(), plan, nodes, settings.nodeDeadline());
        TrainingOutcome outcome;
        try {
            outcome = new FederatedTrainer(new FedAvg(plan), m -> recordRound(jobId, plan, m))
                    .train(plan, federation, nodes.stream().map(GrpcSecureFederation.Node::id).toList());
        } catch (QuorumNotMetException | TrainingRefusedException e) {
            aggregation.failWithoutContributions(jobId, e.getMessage());
            return;
        }
        for (int i = 0; i < onChain.assetIds().size(); i++) {
            attest(jobId, i, onChain.assetIds().get(i), job.spec());
        }
        LOG.info("job trained job={} rounds={} converged={}", jobId, outcome.roundsRun(), outcome.converged());
        aggregation.finish(jobId, onChain.quorum(), record -> TrainingResult.payload(json, record, spec, outcome));
    }

    private void recordRound(long jobId, TrainingPlan plan, RoundMetrics m) {
        TrainingRoundView view = TrainingRoundView.of(m);
        try {
            training.insertRound(jobId, m.round(), json.writeValueAsString(view));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jobs.updateProgress(jobId, "round " + m.round() + " of " + plan.rounds() + ": " + view.summary());
    }

    private void attest(long jobId, int index, long assetId, byte[] spec) {
        String endpoint = jobs.contributions(jobId).get(index).status() == ContributionStatus.UNREACHABLE ? null
                : this.index.asset(assetId).flatMap(a -> this.index.organisation(a.nodeOrg()))
                        .map(IndexedOrganisation::nodeEndpoint).orElse(null);
        if (endpoint == null) {
            return;
        }
        try {
            TrainingAttestation a = channels.node(endpoint)
                    .withDeadlineAfter(settings.nodeDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .attestTraining(AttestTrainingRequest.newBuilder().setJobId(jobId).setAssetId(assetId)
                            .setSpec(ByteString.copyFrom(spec)).build()).get();
            jobs.recordContribution(jobId, index, a.toByteArray(), "0x" + HexFormat.of().formatHex(a.getCommitment().toByteArray()),
                    a.getWeight(), "0x" + HexFormat.of().formatHex(a.getSignature().toByteArray()));
        } catch (ExecutionException e) {
            Status s = ContributionStatus.statusOf(e.getCause());
            jobs.recordFailure(jobId, index, ContributionStatus.of(s), ContributionStatus.reason(s));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while collecting attestations", e);
        }
    }

    static String id(int assetIndex) {
        return "asset-" + assetIndex;
    }

    private static TrainingSpec parse(byte[] bytes) {
        try {
            return TrainingSpec.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored training spec does not parse", e);
        }
    }

    /** Per-round metrics as stored and served (GET /api/v1/jobs/{id}/rounds). */
    record TrainingRoundView(int round, List<String> participants, List<Map<String, Object>> dropped, double trainLoss,
            long evaluated, Double accuracy, Double auc, Double logLoss, Double rmse, double modelChange) {

        static TrainingRoundView of(RoundMetrics m) {
            List<Map<String, Object>> dropped = new ArrayList<>();
            m.dropped().forEach(f -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("node", f.clientId());
                d.put("refused", f.refused());
                d.put("reason", f.reason());
                dropped.add(d);
            });
            var e = m.evaluation();
            boolean logistic = e.kind() == org.dirchain.federated.ModelKind.LOGISTIC;
            boolean any = e.count() > 0;
            return new TrainingRoundView(m.round(), m.participants(), dropped, finite(m.trainLoss()), e.count(),
                    logistic && any ? e.accuracy() : null, logistic && any ? finiteOrNull(e.auc()) : null,
                    logistic && any ? e.logLoss() : null, !logistic && any ? e.rmse() : null, m.modelChange());
        }

        String summary() {
            String metric = accuracy != null ? String.format("accuracy %.4f", accuracy)
                    : rmse != null ? String.format("rmse %.4f", rmse) : "no evaluation";
            return participants.size() + " nodes, " + metric + (dropped.isEmpty() ? "" : ", " + dropped.size() + " dropped");
        }

        private static double finite(double v) {
            return Double.isFinite(v) ? v : 0;
        }

        private static Double finiteOrNull(double v) {
            return Double.isFinite(v) ? v : null;
        }
    }
}
