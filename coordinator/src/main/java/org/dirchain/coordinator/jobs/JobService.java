package org.dirchain.coordinator.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedJob;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Role;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.dirchain.coordinator.chain.ChainWriter;
import org.dirchain.coordinator.web.ApiProblemException;
import org.dirchain.coordinator.web.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Aggregate jobs through the API: submitted on chain as the requester, then orchestrated in the
 * background ({@link JobOrchestrator}). A job is visible to its requester, to the owners, approvers
 * and node organisations of its assets, and to regulators; its result only to the requester.
 */
@Service
class JobService {
    private static final Logger LOG = LoggerFactory.getLogger(JobService.class);

    private final ChainWriter writer;
    private final DirectoryIndex index;
    private final JobRepository jobs;
    private final JobOrchestrator orchestrator;
    private final JobAggregation aggregation;
    private final TransactionTemplate transaction;
    private final ManagedResults managed;
    private final JobPolicyCheck policies;

    JobService(ChainWriter writer, DirectoryIndex index, JobRepository jobs, JobOrchestrator orchestrator,
            JobAggregation aggregation, TransactionTemplate transaction, ManagedResults managed,
            JobPolicyCheck policies) {
        this.policies = policies;
        this.writer = writer;
        this.index = index;
        this.jobs = jobs;
        this.orchestrator = orchestrator;
        this.aggregation = aggregation;
        this.transaction = transaction;
        this.managed = managed;
    }

    JobView submit(CallerOrganisation caller, JobRequestBody body) {
        if (!caller.has(Role.REQUESTER)) {
            throw ApiProblemException.forbidden("only a REQUESTER organisation submits jobs");
        }
        JobSpecs.CheckedJob checked = JobSpecs.check(body, () -> managed.publicKey(caller.orgId()),
                (spec, epsilonMilli) -> policies.aggregate(caller.orgId(), body.grants(), spec, epsilonMilli));
        byte[] spec = checked.spec().toByteArray();
        Hash32 specHash = Hash32.keccak(spec);
        JobSubmission submission = new JobSubmission(checked.operations(), specHash, body.grants(),
                checked.epsilonMilli(), body.quorum(), Duration.ofSeconds(body.timeoutSeconds()), checked.feeWei());
        long id = writer.writeAs(caller.orgId(), chain -> chain.jobs().submit(submission));
        jobs.insertJob(id, caller.orgId(), spec, specHash.hex());
        LOG.info("job submitted job={} requester={} assets={} quorum={}", id, caller.orgId(), body.grants().size(),
                body.quorum());
        orchestrator.start(id);
        return view(jobs.job(id).orElseThrow());
    }

    /** The caller's own jobs (it is their requester), newest first; another organisation's never appear. */
    List<JobView> list(CallerOrganisation caller, JobState state, int offset, int limit) {
        return jobs.requestedBy(caller.orgId(), state, offset, limit).stream().map(this::view).toList();
    }

    JobView get(CallerOrganisation caller, long id) {
        return view(visible(caller, id));
    }

    /** The encrypted result, for the requester only; anyone else gets the same 404 as for no job. */
    byte[] result(CallerOrganisation caller, long id) {
        JobRecord job = jobs.job(id).filter(j -> j.requesterOrg() == caller.orgId())
                .orElseThrow(() -> ApiProblemException.notFound("job", id));
        // a job aggregated but expired before settlement was refunded: its result is not handed out
        return jobs.resultPayload(job.id()).filter(r -> job.status() != JobState.FAILED)
                .orElseThrow(() -> new ApiProblemException(HttpStatus.CONFLICT,
                        ProblemTypes.RESULT_NOT_READY, "No result yet",
                        "job " + id + " is " + jobs.job(id).orElseThrow().status()
                                + (job.status() == JobState.FAILED ? "; it has no result" : "; try again later"),
                        Map.of("status", job.status().name())));
    }

    /**
     * The decrypted statistics of a managed-key job, for the requester only (404 for anyone else);
     * 409 before the result is ready, or when the job's key is the requester's own (decrypt it there).
     */
    ManagedResults.AggregateStatistics statistics(CallerOrganisation caller, long id) {
        byte[] payload = result(caller, id);
        JobRecord job = jobs.job(id).orElseThrow();
        long epsilonMilli = index.job(id).map(IndexedJob::epsilonMilli).orElse(0L);
        return managed.statistics(job, payload, epsilonMilli).orElseThrow(() -> new ApiProblemException(
                HttpStatus.CONFLICT, ProblemTypes.CLIENT_SIDE_KEY, "Encrypted under the requester's own key",
                "job " + id + " was submitted with keyMode CLIENT: fetch /result and decrypt it with your secret key",
                Map.of()));
    }

    /** The requester gives up on a job before its result is aggregated: failed on chain, fee refunded. */
    JobView cancel(CallerOrganisation caller, long id) {
        JobRecord job = visible(caller, id);
        if (job.requesterOrg() != caller.orgId()) {
            throw ApiProblemException.forbidden("only the requester cancels a job");
        }
        boolean cancelled = Boolean.TRUE.equals(transaction.execute(tx -> {
            boolean changed = jobs.job(id).map(j -> j.status() == JobState.SUBMITTED || j.status() == JobState.RUNNING)
                    .orElse(false);
            if (changed) {
                aggregation.fail(id, List.of(JobState.SUBMITTED, JobState.RUNNING), "cancelled by the requester");
            }
            return changed;
        }));
        if (!cancelled) {
            JobState now = jobs.job(id).orElseThrow().status();
            throw new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.JOB_NOT_CANCELLABLE, "Not cancellable",
                    "job " + id + " is " + now + ": only a SUBMITTED or RUNNING job can be cancelled",
                    Map.of("status", now.name()));
        }
        LOG.info("job cancelled job={} by={}", id, caller.orgId());
        return view(jobs.job(id).orElseThrow());
    }

    private JobRecord visible(CallerOrganisation caller, long id) {
        return jobs.job(id).filter(j -> maySee(caller, j)).orElseThrow(() -> ApiProblemException.notFound("job", id));
    }

    private boolean maySee(CallerOrganisation caller, JobRecord job) {
        if (caller.isRegulator() || job.requesterOrg() == caller.orgId()) {
            return true;
        }
        long org = caller.orgId();
        return index.job(job.id()).map(j -> j.assetIds().stream().anyMatch(a -> index.asset(a)
                .map(asset -> asset.ownerOrg() == org || asset.nodeOrg() == org || asset.approvers().contains(org))
                .orElse(false))).orElse(false);
    }

    private JobView view(JobRecord job) {
        IndexedJob onChain = index.job(job.id()).orElse(null);
        List<ContributionRecord> recorded = jobs.contributions(job.id());
        List<JobView.NodeOutcome> nodes = new ArrayList<>();
        if (!recorded.isEmpty()) {
            recorded.forEach(c -> nodes.add(new JobView.NodeOutcome(c.assetIndex(), c.assetId(), c.nodeOrg(),
                    c.status().name(), c.weight(), c.error())));
        } else if (onChain != null) {
            for (int i = 0; i < onChain.assetIds().size(); i++) {
                long asset = onChain.assetIds().get(i);
                nodes.add(new JobView.NodeOutcome(i, asset, index.asset(asset).map(a -> a.nodeOrg()).orElse(0L),
                        ContributionStatus.PENDING.name(), null, null));
            }
        }
        return new JobView(job.id(), job.requesterOrg(), job.status().name(), job.progress(), job.error(),
                job.specHash(), onChain == null ? 0 : onChain.quorum(),
                onChain == null ? null : onChain.fee().toString(), onChain == null ? 0 : onChain.epsilonMilli(),
                onChain == null ? null : onChain.status().name(),
                onChain == null || onChain.resultHash() == null ? null : onChain.resultHash().hex(), nodes,
                job.status() != JobState.FAILED && jobs.hasResult(job.id()), job.createdAt(), job.updatedAt());
    }
}
