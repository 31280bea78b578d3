package org.dirchain.coordinator.catalogue;

import java.util.Comparator;
import java.util.List;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.node.data.TableSchema;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.dirchain.coordinator.chain.ChainWriter;
import org.dirchain.coordinator.web.ApiProblemException;
import org.dirchain.coordinator.web.FieldProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The catalogue: searched in the index, written on chain as the caller's organisation. Who may
 * publish or change an entry is the contract's decision (PROVIDER role, owner only), reported as
 * decoded refusals; the coordinator only makes sure nothing malformed reaches the chain.
 */
@Service
class CatalogueService {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogueService.class);

    private final DirectoryIndex index;
    private final ChainWriter writer;

    CatalogueService(DirectoryIndex index, ChainWriter writer) {
        this.index = index;
        this.writer = writer;
    }

    List<IndexedAsset> search(AssetSearch search) {
        // start from the narrowest index the criteria allow, then filter
        List<IndexedAsset> candidates = search.owner() != null ? index.assetsByOwner(search.owner())
                : search.tag() != null ? index.assetsByTag(search.tag())
                : search.classification() != null ? index.assetsByClassification(search.classification())
                : index.assets();
        return candidates.stream().filter(search::matches).sorted(Comparator.comparingLong(IndexedAsset::id)).toList();
    }

    IndexedAsset asset(long id) {
        return index.asset(id).orElseThrow(() -> ApiProblemException.notFound("asset", id));
    }

    IndexedAsset publish(CallerOrganisation caller, PublishAssetRequest request) {
        List<FieldProblem> problems = new java.util.ArrayList<>(request.crossFieldProblems());
        AssetDraft draft = request.toDraft(problems);
        if (!problems.isEmpty()) {
            throw ApiProblemException.invalid(problems);
        }
        long id = writer.writeAs(caller.orgId(), chain -> chain.catalog().register(draft));
        LOG.info("asset published asset={} owner={} node={}", id, caller.orgId(), draft.nodeOrg());
        return indexed(id);
    }

    IndexedAsset publishVersion(CallerOrganisation caller, long assetId, PublishVersionRequest r) {
        List<FieldProblem> problems = new java.util.ArrayList<>();
        TableSchema schema = SchemaColumnBody.schema(r.schema(), r.schemaHash(), problems);
        ReleasePolicy policy = schema == null ? null : r.releasePolicy().toPolicy(schema, "releasePolicy", problems);
        if (!problems.isEmpty() || policy == null) {
            throw ApiProblemException.invalid(problems);
        }
        int version = writer.writeAs(caller.orgId(), chain -> chain.catalog().publishVersion(assetId,
                new Hash32(r.contentCommitment()), Hash32.of(schema.schemaHash()), new Hash32(r.metadataHash()),
                r.metadataUri() == null ? "" : r.metadataUri(), policy, schema.canonical()));
        LOG.info("asset version published asset={} version={} by={}", assetId, version, caller.orgId());
        return indexed(assetId);
    }

    IndexedAsset retire(CallerOrganisation caller, long assetId) {
        writer.writeAs(caller.orgId(), chain -> {
            chain.catalog().retire(assetId);
            return null;
        });
        LOG.info("asset retired asset={} by={}", assetId, caller.orgId());
        return indexed(assetId);
    }

    private IndexedAsset indexed(long id) {
        return index.asset(id).orElseThrow(() -> new IllegalStateException("index lacks asset " + id + " after writing it"));
    }
}
