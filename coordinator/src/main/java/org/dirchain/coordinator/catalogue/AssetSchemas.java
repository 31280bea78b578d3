package org.dirchain.coordinator.catalogue;

import java.util.Optional;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.node.data.TableSchema;

/** The schema of an indexed asset, from the text published with its version. */
public final class AssetSchemas {
    private AssetSchemas() {}

    /** Empty when the asset was published with a schema text this version of the platform cannot read. */
    public static Optional<TableSchema> of(IndexedAsset asset) {
        if (asset.schema() == null || asset.schema().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TableSchema.parse(asset.schema()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
