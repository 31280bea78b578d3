package org.dirchain.chain.index;

import java.util.List;
import java.util.Set;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;

/** A catalogue entry with what only the event log holds (title, URI, tags) and its current version. */
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
        int minCohort,
        List<String> tags,
        List<Long> approvers,
        int approvalsRequired,
        int version,
        boolean retired,
        long registeredBlock,
        long updatedBlock) {

    public IndexedAsset {
        allowedOps = Set.copyOf(allowedOps);
        tags = List.copyOf(tags);
        approvers = List.copyOf(approvers);
    }

    IndexedAsset withVersion(int v, Hash32 commitment, Hash32 schema, Hash32 metadata, String uri, long block) {
        return new IndexedAsset(id, ownerOrg, nodeOrg, title, uri, metadata, schema, commitment, classification,
                allowedOps, minCohort, tags, approvers, approvalsRequired, v, retired, registeredBlock, block);
    }

    IndexedAsset retiredAt(long block) {
        return new IndexedAsset(id, ownerOrg, nodeOrg, title, metadataUri, metadataHash, schemaHash,
                contentCommitment, classification, allowedOps, minCohort, tags, approvers, approvalsRequired,
                version, true, registeredBlock, block);
    }
}
