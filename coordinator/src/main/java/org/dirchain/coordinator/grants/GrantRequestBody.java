package org.dirchain.coordinator.grants;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import java.util.Set;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
import org.dirchain.coordinator.web.HexHash;

/** A requester's ask for access to one asset. The grantee is the caller's organisation. */
public record GrantRequestBody(
        @NotNull @Positive Long assetId,
        @NotEmpty Set<@NotNull Operation> operations,
        @Schema(description = "hash of the study protocol or purpose statement (the text stays off chain)")
        @NotNull @HexHash String purposeHash,
        @Schema(description = "validity once approved, at most 5 years")
        @NotNull @Min(1) @Max(MAX_DURATION_SECONDS) Long durationSeconds,
        @NotNull @Min(1) @Max(Integer.MAX_VALUE) Integer maxJobs,
        @Schema(description = "differential-privacy budget in thousandths of epsilon; 0 or absent: no DP jobs")
        @PositiveOrZero Long epsilonBudgetMilli) {

    static final long MAX_DURATION_SECONDS = 5L * 365 * 24 * 3600;

    GrantRequest toGrantRequest() {
        return new GrantRequest(assetId, operations, new Hash32(purposeHash), Duration.ofSeconds(durationSeconds),
                maxJobs, epsilonBudgetMilli == null ? 0 : epsilonBudgetMilli);
    }
}
