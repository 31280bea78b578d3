package org.dirchain.node.verify;

import java.time.Instant;
import java.util.Set;
import java.util.function.Supplier;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.errors.Reverts;
import org.dirchain.chain.model.Asset;
import org.dirchain.chain.model.Grant;
import org.dirchain.chain.model.GrantStatus;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Job;
import org.dirchain.chain.model.JobAsset;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.chain.model.Operation;

/**
 * The node's own check of a job against the directory chain, before any data is touched. It
 * trusts nobody's word: not the coordinator's, not the requester's. Times are the chain's (the
 * latest block's timestamp), the clock the contracts use.
 */
public final class GrantVerifier {
    /** How long past a job's deadline the node remembers what it released for it. */
    static final java.time.Duration RELEASE_MEMORY = java.time.Duration.ofDays(1);

    private final DirectoryChain chain;
    private final long nodeOrg;
    private final Supplier<Instant> chainTime;

    public GrantVerifier(DirectoryChain chain, long nodeOrg, Supplier<Instant> chainTime) {
        this.chain = chain;
        this.nodeOrg = nodeOrg;
        this.chainTime = chainTime;
    }

    /**
     * @param spec the exact spec bytes received; their keccak256 must be the job's spec hash
     * @param requested the operations the spec asks for; all must be in the job and the grant
     * @throws Refusal with the reason when any check fails
     */
    public JobAuthorisation verify(long jobId, long assetId, byte[] spec, Set<Operation> requested) {
        Job job = job(jobId);
        Instant now = chainTime.get();
        if (job.status() != JobStatus.SUBMITTED) {
            throw Refusal.precondition("job " + jobId + " is " + job.status() + ", not open");
        }
        if (now.isAfter(job.deadline())) {
            throw Refusal.precondition("job " + jobId + " passed its deadline " + job.deadline());
        }
        // The node forgets released answers a day past the deadline by its own clock: a chain whose
        // latest block lags that far must not make a forgotten job look open (fresh noise to average).
        if (Instant.now().isAfter(job.deadline().plus(RELEASE_MEMORY))) {
            throw Refusal.precondition("job " + jobId + " passed its deadline " + job.deadline()
                    + " by more than a day on this node's clock");
        }
        Hash32 received = Hash32.keccak(spec);
        if (!received.equals(job.specHash())) {
            throw Refusal.precondition("spec hash " + received + " does not match the hash recorded on chain for job "
                    + jobId + " (" + job.specHash() + ")");
        }
        if (!job.operations().containsAll(requested)) {
            throw Refusal.denied("the spec asks for " + requested + " but job " + jobId + " was recorded for "
                    + job.operations());
        }
        int index = indexOf(job, assetId);
        Asset asset = chain.catalog().asset(assetId);
        if (asset.nodeOrg() != nodeOrg) {
            throw Refusal.denied("asset " + assetId + " is served by organisation " + asset.nodeOrg()
                    + ", not by this node (" + nodeOrg + ")");
        }
        if (asset.retired()) {
            throw Refusal.precondition("asset " + assetId + " is retired");
        }
        Grant grant = chain.grants().grant(job.assets().get(index).grantId());
        checkGrant(grant, job, assetId, now);
        return new JobAuthorisation(job, asset, grant, index);
    }

    private Job job(long jobId) {
        try {
            return chain.jobs().job(jobId);
        } catch (Reverts.UnknownJob e) {
            throw Refusal.notFound("job " + jobId + " is not on the ledger");
        }
    }

    private static int indexOf(Job job, long assetId) {
        for (int i = 0; i < job.assets().size(); i++) {
            JobAsset a = job.assets().get(i);
            if (a.assetId() == assetId) {
                return i;
            }
        }
        throw Refusal.denied("asset " + assetId + " is not part of job " + job.id());
    }

    private static void checkGrant(Grant grant, Job job, long assetId, Instant now) {
        String g = "grant " + grant.id();
        if (grant.assetId() != assetId) {
            throw Refusal.denied(g + " is for asset " + grant.assetId() + ", not " + assetId);
        }
        if (grant.granteeOrg() != job.requesterOrg()) {
            throw Refusal.denied(g + " belongs to organisation " + grant.granteeOrg() + ", not to the requester "
                    + job.requesterOrg());
        }
        if (grant.status() == GrantStatus.REVOKED) {
            throw Refusal.denied(g + " was revoked");
        }
        if (grant.status() != GrantStatus.APPROVED) {
            throw Refusal.denied(g + " is " + grant.status() + ", not approved");
        }
        if (grant.expiresAt() == null || !now.isBefore(grant.expiresAt())) {
            throw Refusal.denied(g + " expired at " + grant.expiresAt());
        }
        if (!grant.operations().containsAll(job.operations())) {
            throw Refusal.denied(g + " allows " + grant.operations() + ", not " + job.operations());
        }
    }
}
