package org.dirchain.chain.model;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A job as the requester submits it: one grant per asset, the fee escrowed in wei.
 *
 * @param specHash hash of the canonical job specification the nodes will be sent
 * @param quorum how many assets' nodes must attest for the job to settle
 */
public record JobSubmission(
        Set<Operation> operations,
        Hash32 specHash,
        List<Long> grantIds,
        long epsilonMilli,
        int quorum,
        Duration timeout,
        BigInteger feeWei) {

    public JobSubmission {
        operations = operations == null ? Set.of() : Set.copyOf(operations);
        grantIds = grantIds == null ? List.of() : List.copyOf(grantIds);
    }
}
