package org.dirchain.coordinator.catalogue;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.dirchain.coordinator.web.AbsoluteUri;
import org.dirchain.coordinator.web.HexHash;
import org.dirchain.coordinator.web.Utf8Size;

/**
 * A new version of an asset's data: its new content commitment, schema and metadata, and the
 * release policy in force from it on (a new version is the only way to change the policy).
 */
public record PublishVersionRequest(
        @NotNull @HexHash String contentCommitment,
        @Schema(description = "SHA-256 of the schema's canonical form; optional, checked against schema when given")
        @HexHash String schemaHash,
        @NotEmpty @Size(max = 512) List<@NotNull @Valid SchemaColumnBody> schema,
        @NotNull @Valid ReleasePolicyBody releasePolicy,
        @NotNull @HexHash String metadataHash,
        @Utf8Size(max = 256) @AbsoluteUri String metadataUri) {}
