package org.dirchain.chain.model;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** On-chain state of a job. {@code resultHash} is null until settled. */
public record Job(
        long id,
        long requesterOrg,
        JobStatus status,
        Set<Operation> operations,
        int quorum,
        int attested,
        long epsilonMilli,
        Instant createdAt,
        Instant deadline,
        String payer,
        BigInteger fee,
        Hash32 specHash,
        Hash32 resultHash,
        List<JobAsset> assets) {

    public Job {
        operations = Set.copyOf(operations);
        assets = List.copyOf(assets);
    }
}
