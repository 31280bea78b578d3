package org.dirchain.chain.model;

import java.util.List;
import java.util.Set;

/**
 * What a provider publishes to register a data asset. The data itself stays at the node.
 *
 * @param approvers organisations whose approval counts for grants; empty means the owner alone
 * @param approvalsRequired how many of the approvers (k of n) must approve a grant
 * @param policy the owner's release policy, in force from this version on
 * @param schema the schema's canonical text ({@code name:TYPE,...} in column order), hashing to
 *     {@code schemaHash}; the policy names columns by their position in it
 */
public record AssetDraft(
        String title,
        String metadataUri,
        Hash32 metadataHash,
        Hash32 schemaHash,
        Hash32 contentCommitment,
        Classification classification,
        Set<Operation> allowedOps,
        long nodeOrg,
        List<String> tags,
        List<Long> approvers,
        int approvalsRequired,
        ReleasePolicy policy,
        String schema) {

    public AssetDraft {
        allowedOps = allowedOps == null ? Set.of() : Set.copyOf(allowedOps);
        tags = tags == null ? List.of() : List.copyOf(tags);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }
}
