package org.dirchain.chain.model;

import java.time.Instant;
import java.util.Set;

/** On-chain state of an access grant. {@code expiresAt} is null until it is approved. */
public record Grant(
        long id,
        long assetId,
        long granteeOrg,
        GrantStatus status,
        Set<Operation> operations,
        int approvals,
        int maxJobs,
        int jobsUsed,
        Instant expiresAt,
        long durationSeconds,
        long epsilonBudgetMilli,
        long epsilonSpentMilli,
        Hash32 purposeHash) {

    public Grant {
        operations = Set.copyOf(operations);
    }

    /** Usable for one more job of {@code ops} spending {@code epsilonMilli} at time {@code now}. */
    public boolean usableFor(Set<Operation> ops, long epsilonMilli, Instant now) {
        return status == GrantStatus.APPROVED
                && expiresAt != null
                && now.isBefore(expiresAt)
                && operations.containsAll(ops)
                && jobsUsed < maxJobs
                && epsilonSpentMilli + epsilonMilli <= epsilonBudgetMilli;
    }
}
