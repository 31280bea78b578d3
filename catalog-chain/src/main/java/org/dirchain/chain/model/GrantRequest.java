package org.dirchain.chain.model;

import java.time.Duration;
import java.util.Set;

/**
 * A requester's ask for access. The expiry clock starts when the last required approval lands.
 *
 * @param epsilonBudgetMilli differential-privacy budget in thousandths of epsilon (0: no DP jobs)
 */
public record GrantRequest(
        long assetId,
        Set<Operation> operations,
        Hash32 purposeHash,
        Duration duration,
        int maxJobs,
        long epsilonBudgetMilli) {

    public GrantRequest {
        operations = operations == null ? Set.of() : Set.copyOf(operations);
    }
}
