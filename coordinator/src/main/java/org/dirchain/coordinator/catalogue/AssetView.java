package org.dirchain.coordinator.catalogue;

import java.util.List;
import org.dirchain.node.data.TableSchema;
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
        List<SchemaColumnBody> schema,
        ReleasePolicyBody releasePolicy,
        List<String> tags,
        List<Long> approvers,
        int approvalsRequired,
        int version,
        boolean retired,
        long registeredBlock,
        long updatedBlock) {

    public static AssetView of(IndexedAsset a) {
        TableSchema schema = AssetSchemas.of(a).orElse(null);
        return new AssetView(a.id(), a.ownerOrg(), a.nodeOrg(), a.title(), a.metadataUri(), a.metadataHash().hex(),
                a.schemaHash().hex(), a.contentCommitment().hex(), a.classification(),
                a.allowedOps().stream().sorted().toList(), schema == null ? List.of() : SchemaColumnBody.of(schema),
                a.policy() == null ? null : ReleasePolicyBody.of(a.policy(), schema), a.tags(), a.approvers(),
                a.approvalsRequired(), a.version(), a.retired(), a.registeredBlock(), a.updatedBlock());
    }
}
