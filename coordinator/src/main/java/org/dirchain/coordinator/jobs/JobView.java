package org.dirchain.coordinator.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A job as the API shows it: the coordinator's status and progress, and what each asset's node did.
 *
 * @param status SUBMITTED, RUNNING, AGGREGATED, SETTLED or FAILED
 * @param chainStatus the ledger's status (SUBMITTED, SETTLED, FAILED, TIMED_OUT) as indexed
 */
public record JobView(long id, long requesterOrg, String status, String progress, String error, String specHash,
        int quorum, String feeWei, long epsilonMilli, String chainStatus, String resultHash, List<NodeOutcome> nodes,
        boolean resultAvailable, Instant createdAt, Instant updatedAt) {

    /**
     * One asset's contribution.
     *
     * @param status PENDING, OK, REFUSED, TIMED_OUT, UNREACHABLE or ABANDONED
     * @param error for a refusal, the gRPC code and the node's reason
     */
    public record NodeOutcome(int assetIndex, long assetId, long nodeOrg, String status, Long weight, String error) {}
}
