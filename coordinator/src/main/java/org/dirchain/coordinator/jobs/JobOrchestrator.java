package org.dirchain.coordinator.jobs;

import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.index.IndexedJob;
import org.dirchain.chain.index.IndexedOrganisation;
import org.dirchain.coordinator.CoordinatorProperties;
import org.dirchain.node.api.v1.AggregateRequest;
import org.dirchain.node.api.v1.AggregateResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs a submitted job: asks the node of every asset of the job (found in the index: the asset's
 * node organisation and the endpoint it registered) for its encrypted contribution, all in
 * parallel with a deadline, records each outcome as it comes, then hands over to
 * {@link JobAggregation}. Runs on the {@link JobExecutor}, never on a request thread.
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
    /** Jobs queued or being orchestrated in this process: {@link JobRecovery} leaves them alone. */
    private final Set<Long> live = ConcurrentHashMap.newKeySet();

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
        if (!live.add(jobId)) {
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    run(jobId);
                } finally {
                    live.remove(jobId);
                }
            });
        } catch (RuntimeException e) {
            live.remove(jobId);
            LOG.warn("job not orchestrated, pool saturated job={}", jobId);
            aggregation.failWithoutContributions(jobId, "the coordinator is saturated; try again later");
        }
    }

    /** Whether the job is queued or being orchestrated in this process. */
    boolean isLive(long jobId) {
        return live.contains(jobId);
    }

    /** One pass over the job's nodes. Any unexpected fault fails the job rather than leaving it hanging. */
    void run(long jobId) {
        try {
            orchestrate(jobId);
        } catch (Interrupted e) {
            // the coordinator is shutting down: the job is left as it is (see docs/api.md, "Not done yet")
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
        List<ListenableFuture<AggregateResponse>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long assetId = onChain.assetIds().get(i);
            long nodeOrg = index.asset(assetId).map(IndexedAsset::nodeOrg).orElse(0L);
            jobs.insertContribution(jobId, i, assetId, nodeOrg);
            String endpoint = index.organisation(nodeOrg).map(IndexedOrganisation::nodeEndpoint).orElse(null);
            if (!NodeChannels.isEndpoint(endpoint)) {
                calls.add(null);
                jobs.recordFailure(jobId, i, ContributionStatus.UNREACHABLE,
                        "node organisation " + nodeOrg + " has registered no endpoint (host:port)");
                continue;
            }
            AggregateRequest request = AggregateRequest.newBuilder().setJobId(jobId).setAssetId(assetId)
                    .setSpec(com.google.protobuf.ByteString.copyFrom(job.spec())).build();
            calls.add(channels.node(endpoint)
                    .withDeadlineAfter(settings.nodeDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .runAggregate(request));
        }
        int answered = 0;
        for (int i = 0; i < n; i++) {
            if (calls.get(i) != null) {
                answered += collect(jobId, i, onChain.assetIds().get(i), calls.get(i)) ? 1 : 0;
                jobs.updateProgress(jobId, answered + " of " + n + " nodes answered");
            }
        }
        LOG.info("job contributions collected job={} ok={} of={} quorum={}", jobId, answered, n, onChain.quorum());
        aggregation.finish(jobId, onChain.quorum());
    }

    /** Waits for one node's answer and records it; true when it contributed. */
    private boolean collect(long jobId, int assetIndex, long assetId, ListenableFuture<AggregateResponse> call) {
        try {
            AggregateResponse r = call.get();
            if (r.getJobId() != jobId || r.getAssetId() != assetId || r.getAssetIndex() != assetIndex
                    || r.getCiphertextsCount() == 0) {
                jobs.recordFailure(jobId, assetIndex, ContributionStatus.REFUSED,
                        "the node answered for another job, asset or index, or sent no ciphertexts");
                return false;
            }
            jobs.recordContribution(jobId, assetIndex, r.toByteArray(),
                    "0x" + HexFormat.of().formatHex(r.getCommitment().toByteArray()), r.getWeight(),
                    "0x" + HexFormat.of().formatHex(r.getSignature().toByteArray()));
            return true;
        } catch (ExecutionException e) {
            Status status = ContributionStatus.statusOf(e.getCause());
            ContributionStatus outcome = ContributionStatus.of(status);
            String reason = ContributionStatus.reason(status);
            LOG.info("node contribution {} job={} asset={} reason={}", outcome, jobId, assetId, reason);
            jobs.recordFailure(jobId, assetIndex, outcome, reason);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new Interrupted();
        }
    }

    /** The orchestration thread was interrupted (shutdown): not a reason to fail the job. */
    private static final class Interrupted extends RuntimeException {
        Interrupted() {
            super("interrupted while waiting for the nodes", null, false, false);
        }
    }
}
