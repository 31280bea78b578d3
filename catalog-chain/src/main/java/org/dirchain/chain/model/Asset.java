package org.dirchain.chain.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * On-chain state of a catalogue entry with its release policy (title, URI, tags and the schema text
 * live in the event log and the index).
 */
public record Asset(
        long id,
        long ownerOrg,
        long nodeOrg,
        int version,
        Instant updatedAt,
        Classification classification,
        Set<Operation> allowedOps,
        int approvalsRequired,
        List<Long> approvers,
        boolean retired,
        Hash32 metadataHash,
        Hash32 schemaHash,
        Hash32 contentCommitment,
        ReleasePolicy policy) {

    public Asset {
        allowedOps = Set.copyOf(allowedOps);
        approvers = List.copyOf(approvers);
    }
}
