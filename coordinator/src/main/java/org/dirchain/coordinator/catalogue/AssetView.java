package org.dirchain.coordinator.catalogue;

import java.util.List;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.Operation;

/** A catalogue entry as the directory index serves it. Hashes are 0x-prefixed hex. */
public record AssetView(
        long id,
        long ownerOrg,
        long nodeOrg,
        String title,
        String metadataUri,
        String metadataHash,
        String schemaHash,
        String contentCommitment,
        Classification classification,
        List<Operation> allowedOps,
        int minCohort,
        List<String> tags,
        List<Long> approvers,
        int approvalsRequired,
        int version,
        boolean retired,
        long registeredBlock,
        long updatedBlock) {

    public static AssetView of(IndexedAsset a) {
        return new AssetView(a.id(), a.ownerOrg(), a.nodeOrg(), a.title(), a.metadataUri(), a.metadataHash().hex(),
                a.schemaHash().hex(), a.contentCommitment().hex(), a.classification(),
                a.allowedOps().stream().sorted().toList(), a.minCohort(), a.tags(), a.approvers(),
                a.approvalsRequired(), a.version(), a.retired(), a.registeredBlock(), a.updatedBlock());
    }
}
