package org.dirchain.chain;

import org.dirchain.chain.model.Asset;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.ReleasePolicy;

/** The data catalogue. Writes are signed by the owner organisation's account. */
public interface AssetCatalog {
    long register(AssetDraft draft);

    /**
     * Publishes a new version of the data (new commitment) with the release policy in force from it
     * on (the only way to change a policy); returns the new version number.
     */
    int publishVersion(long assetId, Hash32 contentCommitment, Hash32 schemaHash, Hash32 metadataHash,
            String metadataUri, ReleasePolicy policy, String schema);

    void retire(long assetId);

    Asset asset(long assetId);

    /** The organisation whose node serves the asset: one call, where the whole entry is not needed. */
    long nodeOrgOf(long assetId);

    long count();
}
