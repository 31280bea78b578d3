package org.dirchain.coordinator.catalogue;

import jakarta.validation.constraints.NotNull;
import org.dirchain.coordinator.web.AbsoluteUri;
import org.dirchain.coordinator.web.HexHash;
import org.dirchain.coordinator.web.Utf8Size;

/** A new version of an asset's data: its new content commitment, schema and metadata. */
public record PublishVersionRequest(
        @NotNull @HexHash String contentCommitment,
        @NotNull @HexHash String schemaHash,
        @NotNull @HexHash String metadataHash,
        @Utf8Size(max = 256) @AbsoluteUri String metadataUri) {}
