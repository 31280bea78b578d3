package org.dirchain.coordinator.catalogue;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.model.AssetDraft;
import org.dirchain.chain.model.Classification;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
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
        @NotNull @HexHash String schemaHash,
        @NotNull @HexHash String contentCommitment,
        @NotNull Classification classification,
        @NotEmpty Set<@NotNull Operation> allowedOps,
        @NotNull @PositiveOrZero Integer minCohort,
        @Schema(description = "organisation whose compute node serves the data (must hold NODE)")
        @NotNull @Positive @Max(0xFFFF_FFFFL) Long nodeOrg,
        @Size(max = 8) List<@NotBlank @Utf8Size(max = 32) String> tags,
        @Schema(description = "organisations whose approval counts for grants; empty: the owner alone")
        @Size(max = 8) List<@NotNull @Positive @Max(0xFFFF_FFFFL) Long> approvers,
        @Schema(description = "k of the n approvers; default 1") @Positive Integer approvalsRequired) {

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

    AssetDraft toDraft() {
        return new AssetDraft(title, metadataUri == null ? "" : metadataUri, new Hash32(metadataHash),
                new Hash32(schemaHash), new Hash32(contentCommitment), classification, allowedOps, minCohort, nodeOrg,
                tags, approvers, approvalsRequired == null ? 1 : approvalsRequired);
    }
}
