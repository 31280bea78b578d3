package org.dirchain.coordinator.jobs;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.index.IndexedJob;
import org.dirchain.chain.index.IndexedOrganisation;
import org.dirchain.coordinator.CoordinatorProperties;
import org.dirchain.node.api.client.MaskedAggregateClient;
import org.dirchain.node.api.v1.AggregateResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a submitted job: asks the node of every asset of the job (found in the index: the asset's
 * node organisation and the endpoint it registered) for its encrypted contribution, masked when the
 * job has several assets ({@link MaskedAggregateClient}: keys first, then the masked partials, all
 * in parallel with a deadline), records each outcome, then
 * hands over to {@link JobAggregation}. Runs on the {@link JobExecutor}, never on a request thread.
 */
@Component
class JobOrchestrator {
    private static final Logger LOG = LoggerFactory.getLogger(JobOrchestrator.class);

    private final DirectoryIndex index;
    private final JobRepository jobs;
    private final NodeChannels channels;
    private final JobAggregation aggregation;
    private final JobExecutor executor;
    private final CoordinatorProperties.Jobs settings;

    JobOrchestrator(DirectoryIndex index, JobRepository jobs, NodeChannels channels, JobAggregation aggregation,
            JobExecutor executor, CoordinatorProperties properties) {
        this.index = index;
        this.jobs = jobs;
        this.channels = channels;
        this.aggregation = aggregation;
        this.executor = executor;
        this.settings = properties.jobs();
    }

    /**
     * Queues the job, unless it is queued or running here already; when the pool is saturated the
     * job fails at once (its fee is refunded).
     */
    void start(long jobId) {
        if (!executor.startOnce(jobId, () -> run(jobId))) {
            LOG.warn("job not orchestrated, pool saturated job={}", jobId);
            aggregation.failWithoutContributions(jobId, "the coordinator is saturated; try again later");
        }
    }

    /** Whether the job is queued or being orchestrated in this process. */
    boolean isLive(long jobId) {
        return executor.isLive(jobId);
    }

    /** One pass over the job's nodes. Any unexpected fault fails the job rather than leaving it hanging. */
    void run(long jobId) {
        try {
            orchestrate(jobId);
        } catch (Interrupted e) {
            // the coordinator is shutting down: the job is left RUNNING for JobRecovery at the next start
            LOG.warn("job orchestration interrupted by shutdown job={}", jobId);
        } catch (RuntimeException e) {
            LOG.error("job orchestration failed job={}: {}", jobId, e.toString(), e);
            aggregation.failWithoutContributions(jobId, "orchestration failed: " + e.getMessage());
        }
    }

    private void orchestrate(long jobId) {
        JobRecord job = jobs.job(jobId).orElseThrow(() -> new IllegalStateException("no job " + jobId));
        IndexedJob onChain = index.job(jobId).orElseThrow(() -> new IllegalStateException("job " + jobId + " not indexed"));
        int n = onChain.assetIds().size();
        if (!jobs.updateJobIf(jobId, List.of(JobState.SUBMITTED), JobState.RUNNING, "0 of " + n + " nodes answered",
                null)) {
            LOG.info("job not orchestrated, no longer SUBMITTED job={}", jobId);
            return;
        }
        List<MaskedAggregateClient.Participant> participants = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long assetId = onChain.assetIds().get(i);
            long nodeOrg = index.asset(assetId).map(IndexedAsset::nodeOrg).orElse(0L);
            jobs.insertContribution(jobId, i, assetId, nodeOrg);
            String endpoint = index.organisation(nodeOrg).map(IndexedOrganisation::nodeEndpoint).orElse(null);
            if (!NodeChannels.isEndpoint(endpoint)) {
                jobs.recordFailure(jobId, i, ContributionStatus.UNREACHABLE,
                        "node organisation " + nodeOrg + " has registered no endpoint (host:port)");
                continue;
            }
            participants.add(new MaskedAggregateClient.Participant(i, assetId, channels.node(endpoint)));
        }
        MaskedAggregateClient client = new MaskedAggregateClient(settings.nodeDeadline(),
                progress -> jobs.updateProgress(jobId, progress));
        MaskedAggregateClient.Outcome outcome;
        try {
            outcome = client.run(jobId, ByteString.copyFrom(job.spec()), n, participants, onChain.quorum());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
        outcome.failed().forEach((i, status) -> {
            Status s = ContributionStatus.statusOf(status.asRuntimeException());
            ContributionStatus result = ContributionStatus.of(s);
            LOG.info("node contribution {} job={} asset={} reason={}", result, jobId, onChain.assetIds().get(i),
                    ContributionStatus.reason(s));
            jobs.recordFailure(jobId, i, result, ContributionStatus.reason(s));
        });
        record(jobId, onChain, outcome.answered());
        jobs.updateProgress(jobId, outcome.answered().size() + " of " + n + " nodes answered");
        LOG.info("job contributions collected job={} ok={} of={} quorum={}", jobId, outcome.answered().size(), n,
                onChain.quorum());
        aggregation.finish(jobId, onChain.quorum());
    }

    /**
     * Records the answers of one attempt. Masked partials are worth something only together: if one
     * answer is not for this job, asset and index, none of the attempt's answers is recorded.
     */
    private void record(long jobId, IndexedJob onChain, Map<Integer, AggregateResponse> answered) {
        List<Integer> invalid = answered.entrySet().stream().filter(e -> {
            AggregateResponse r = e.getValue();
            return r.getJobId() != jobId || r.getAssetId() != onChain.assetIds().get(e.getKey())
                    || r.getAssetIndex() != e.getKey() || r.getCiphertextsCount() == 0;
        }).map(Map.Entry::getKey).toList();
        answered.forEach((i, r) -> {
            if (invalid.contains(i)) {
                jobs.recordFailure(jobId, i, ContributionStatus.REFUSED,
                        "the node answered for another job, asset or index, or sent no ciphertexts");
            } else if (!invalid.isEmpty()) {
                jobs.recordFailure(jobId, i, ContributionStatus.REFUSED,
                        "masked partial unusable: another participant's answer was invalid");
            } else {
                jobs.recordContribution(jobId, i, r.toByteArray(),
                        "0x" + HexFormat.of().formatHex(r.getCommitment().toByteArray()), r.getWeight(),
                        "0x" + HexFormat.of().formatHex(r.getSignature().toByteArray()));
            }
        });
    }

    /** The orchestration thread was interrupted (shutdown): not a reason to fail the job. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted while waiting for the nodes", null, false, false);
        }
    }
}
