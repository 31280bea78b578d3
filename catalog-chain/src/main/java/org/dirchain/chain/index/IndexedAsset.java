package org.dirchain.chain.index;

import java.util.List;
import java.util.Set;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
import org.dirchain.chain.model.ReleasePolicy;

/**
 * A catalogue entry with what only the event log holds (title, URI, tags, schema text) and its
 * current version and release policy ({@code policy} is null only between the two events of one
 * registration).
 */
public record IndexedAsset(
        long id,
        long ownerOrg,
        long nodeOrg,
        String title,
        String metadataUri,
        Hash32 metadataHash,
        Hash32 schemaHash,
        Hash32 contentCommitment,
        Classification classification,
        Set<Operation> allowedOps,
        List<String> tags,
        List<Long> approvers,
        int approvalsRequired,
        int version,
        boolean retired,
        long registeredBlock,
        long updatedBlock,
        ReleasePolicy policy,
        String schema) {

    public IndexedAsset {
        allowedOps = Set.copyOf(allowedOps);
        tags = List.copyOf(tags);
        approvers = List.copyOf(approvers);
    }

    IndexedAsset withVersion(int v, Hash32 commitment, Hash32 schema, Hash32 metadata, String uri, long block) {
        return new IndexedAsset(id, ownerOrg, nodeOrg, title, uri, metadata, schema, commitment, classification,
                allowedOps, tags, approvers, approvalsRequired, v, retired, registeredBlock, block, policy,
                this.schema);
    }

    IndexedAsset withPolicy(ReleasePolicy p, String schemaText) {
        return new IndexedAsset(id, ownerOrg, nodeOrg, title, metadataUri, metadataHash, schemaHash,
                contentCommitment, classification, allowedOps, tags, approvers, approvalsRequired, version, retired,
                registeredBlock, updatedBlock, p, schemaText);
    }

    /** The minimum count of every released cell (0 before the policy event is indexed). */
    public int minCellSize() {
        return policy == null ? 0 : policy.minCellSize();
    }

    IndexedAsset retiredAt(long block) {
        return new IndexedAsset(id, ownerOrg, nodeOrg, title, metadataUri, metadataHash, schemaHash,
                contentCommitment, classification, allowedOps, tags, approvers, approvalsRequired,
                version, true, registeredBlock, block, policy, schema);
    }
}
