package org.dirchain.chain;

import org.dirchain.chain.model.Asset;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Hash32;

/** The data catalogue. Writes are signed by the owner organisation's account. */
public interface AssetCatalog {
    long register(AssetDraft draft);

    /** Publishes a new version of the data (new commitment); returns the new version number. */
    int publishVersion(long assetId, Hash32 contentCommitment, Hash32 schemaHash, Hash32 metadataHash,
            String metadataUri);

    void retire(long assetId);

    Asset asset(long assetId);

    long count();
}
