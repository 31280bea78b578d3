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
import java.util.Optional;
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
import org.dirchain.federated.TrainingCheckpoint;
import org.dirchain.federated.TrainingOutcome;
import org.dirchain.federated.TrainingPlan;
import org.dirchain.federated.TrainingProgress;
import org.dirchain.federated.TrainingRefusedException;
import org.dirchain.node.api.v1.AttestTrainingRequest;
import org.dirchain.node.api.v1.TrainingAttestation;
import org.dirchain.node.api.v1.TrainingSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a submitted training job: FedAvg rounds over the assets' nodes, each stage a secure sum
 * ({@link GrpcSecureFederation}); every round's metrics are stored as the job's progress; then each
 * node attests its part (rows × rounds) and {@link JobAggregation} stores the model and records the
 * attestations and the settlement in the outbox. A failed quorum or a refusal fails the job (refund).
 *
 * <p>Each round's metrics are stored with the checkpoint after it; a job left RUNNING by a stopped
 * coordinator is resumed by the next one ({@link JobRecovery}) from its latest checkpoint, its secure
 * sums under the next attempt number. The nodes answer a round asked again with the answer they gave
 * before (under differential privacy they refuse to give another), so resuming spends no more of the
 * job's budget than running it once.
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
    private final TransactionTemplate transaction;

    TrainingJobRunner(DirectoryIndex index, JobRepository jobs, TrainingRepository training, NodeChannels channels,
            JobAggregation aggregation, JobExecutor executor, CoordinatorProperties properties, ObjectMapper json,
            TransactionTemplate transaction) {
        this.index = index;
        this.jobs = jobs;
        this.training = training;
        this.channels = channels;
        this.aggregation = aggregation;
        this.executor = executor;
        this.settings = properties.jobs();
        this.json = json;
        this.transaction = transaction;
    }

    /** Runs the job, SUBMITTED, or resumes it, RUNNING and left by a stopped coordinator; no-op if it runs here. */
    void start(long jobId) {
        if (!executor.startOnce(jobId, () -> run(jobId))) {
            aggregation.failWithoutContributions(jobId, "the coordinator is saturated; try again later");
        }
    }

    /** Whether the job is queued or being trained in this process. */
    boolean isLive(long jobId) {
        return executor.isLive(jobId);
    }

    void run(long jobId) {
        try {
            train(jobId);
        } catch (RuntimeException e) {
            if (executor.isShuttingDown()) {
                // left RUNNING with its checkpoint: the next start resumes it
                LOG.warn("training interrupted by shutdown job={}: {}", jobId, e.toString());
                return;
            }
            LOG.error("training failed job={}: {}", jobId, e.toString(), e);
            aggregation.failWithoutContributions(jobId, "training failed: " + e.getMessage());
        }
    }

    private void train(long jobId) {
        JobRecord job = jobs.job(jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
        IndexedJob onChain = index.job(jobId).orElseThrow(() -> new IllegalStateException("job " + jobId + " not indexed"));
        TrainingSpec spec = parse(job.spec());
        TrainingPlan plan = TrainingJobSpecs.plan(spec);
        boolean fresh = jobs.updateJobIf(jobId, List.of(JobState.SUBMITTED), JobState.RUNNING,
                "setup: agreeing on feature scaling", null);
        if (!fresh && jobs.job(jobId).map(JobRecord::status).orElse(null) != JobState.RUNNING) {
            return; // cancelled, expired or finished meanwhile
        }
        Optional<TrainingCheckpoint> checkpoint = fresh ? Optional.empty() : training.checkpoint(jobId).map(this::read);
        int attempt = transaction.execute(tx -> {
            jobs.deleteContributions(jobId); // a resumed job collects its attestations afresh at the end
            return training.beginIncarnation(jobId);
        });
        if (!fresh) {
            LOG.info("resuming training job={} after round {} (start {})", jobId,
                    checkpoint.map(TrainingCheckpoint::round).map(String::valueOf).orElse("none, setup"), attempt);
            jobs.updateProgress(jobId, checkpoint.map(c -> "resumed after round " + c.round() + " of " + plan.rounds())
                    .orElse("resumed: agreeing on feature scaling") + " (coordinator restarted)");
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
        GrpcSecureFederation federation = new GrpcSecureFederation(jobId, attempt, job.spec(), plan, nodes,
                settings.nodeDeadline());
        FederatedTrainer trainer = new FederatedTrainer(new FedAvg(plan), progress(jobId, plan));
        TrainingOutcome outcome;
        try {
            outcome = checkpoint.isPresent() ? trainer.resume(plan, federation, checkpoint.get())
                    : trainer.train(plan, federation, nodes.stream().map(GrpcSecureFederation.Node::id).toList());
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

    /** Setup's checkpoint, then each round's metrics with the checkpoint after it, in one transaction. */
    private TrainingProgress progress(long jobId, TrainingPlan plan) {
        return new TrainingProgress() {
            @Override
            public void setupDone(TrainingCheckpoint checkpoint) {
                training.putCheckpoint(jobId, 0, write(StoredCheckpoint.of(checkpoint)));
            }

            @Override
            public void roundDone(RoundMetrics m, TrainingCheckpoint checkpoint) {
                TrainingRoundView view = TrainingRoundView.of(m);
                transaction.executeWithoutResult(tx -> {
                    training.putRound(jobId, m.round(), write(view));
                    training.putCheckpoint(jobId, m.round(), write(StoredCheckpoint.of(checkpoint)));
                    jobs.updateProgress(jobId, "round " + m.round() + " of " + plan.rounds() + ": " + view.summary());
                });
            }
        };
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private TrainingCheckpoint read(String stored) {
        try {
            return json.readValue(stored, StoredCheckpoint.class).toCheckpoint();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored training checkpoint does not parse", e);
        }
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
