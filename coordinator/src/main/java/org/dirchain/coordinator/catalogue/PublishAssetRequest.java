package org.dirchain.coordinator.catalogue;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.node.data.TableSchema;
import org.dirchain.coordinator.web.AbsoluteUri;
import org.dirchain.coordinator.web.FieldProblem;
import org.dirchain.coordinator.web.HexHash;
import org.dirchain.coordinator.web.Utf8Size;

/**
 * A catalogue entry as a provider publishes it; the owner is the caller's organisation. Limits
 * mirror the DataCatalog contract so a malformed entry is refused here, before any transaction.
 */
public record PublishAssetRequest(
        @NotBlank @Utf8Size(max = 200) String title,
        @Utf8Size(max = 256) @AbsoluteUri String metadataUri,
        @NotNull @HexHash String metadataHash,
        @Schema(description = "SHA-256 of the schema's canonical form; optional, checked against schema when given")
        @HexHash String schemaHash,
        @Schema(description = "the columns of the node's table, in order (the node prints them with --commitments)")
        @NotEmpty @Size(max = 512) List<@NotNull @Valid SchemaColumnBody> schema,
        @NotNull @HexHash String contentCommitment,
        @NotNull Classification classification,
        @NotEmpty Set<@NotNull Operation> allowedOps,
        @Schema(description = "organisation whose compute node serves the data (must hold NODE)")
        @NotNull @Positive @Max(0xFFFF_FFFFL) Long nodeOrg,
        @Size(max = 8) List<@NotBlank @Utf8Size(max = 32) String> tags,
        @Schema(description = "organisations whose approval counts for grants; empty: the owner alone")
        @Size(max = 8) List<@NotNull @Positive @Max(0xFFFF_FFFFL) Long> approvers,
        @Schema(description = "k of the n approvers; default 1") @Positive Integer approvalsRequired,
        @NotNull @Valid ReleasePolicyBody releasePolicy) {

    /** Rules across fields, checked after the per-field ones. */
    List<FieldProblem> crossFieldProblems() {
        List<FieldProblem> problems = new ArrayList<>();
        List<Long> names = approvers == null ? List.of() : approvers;
        if (new HashSet<>(names).size() != names.size()) {
            problems.add(new FieldProblem("approvers", "must not name an organisation twice"));
        }
        int k = approvalsRequired == null ? 1 : approvalsRequired;
        if (k > Math.max(1, names.size())) {
            problems.add(new FieldProblem("approvalsRequired",
                    "must be at most the number of approvers (" + Math.max(1, names.size()) + ")"));
        }
        List<String> t = tags == null ? List.of() : tags;
        if (new HashSet<>(t).size() != t.size()) {
            problems.add(new FieldProblem("tags", "must not repeat a tag"));
        }
        return problems;
    }

    /** The draft to register, or null with {@code problems} naming what is wrong. */
    AssetDraft toDraft(List<FieldProblem> problems) {
        TableSchema table = SchemaColumnBody.schema(schema, schemaHash, problems);
        ReleasePolicy policy = table == null ? null : releasePolicy.toPolicy(table, "releasePolicy", problems);
        if (policy == null || !problems.isEmpty()) {
            return null;
        }
        return new AssetDraft(title, metadataUri == null ? "" : metadataUri, new Hash32(metadataHash),
                Hash32.of(table.schemaHash()), new Hash32(contentCommitment), classification, allowedOps, nodeOrg,
                tags, approvers, approvalsRequired == null ? 1 : approvalsRequired, policy, table.canonical());
    }
}
