package org.dirchain.coordinator.jobs;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;
import org.dirchain.node.query.Filter;

/**
 * An aggregate job as a requester submits it: one approved grant per asset, the query, and either
 * the requester's homomorphic public key (client-side key: the secret key never leaves the
 * requester) or the managed key mode. The requester's organisation is the caller's.
 */
public record JobRequestBody(
        @Schema(description = "one approved grant of the caller per asset, in the order the assets are used")
        @NotEmpty @Size(max = MAX_ASSETS) List<@NotNull @Positive Long> grants,
        @NotNull @Valid QueryBody query,
        @Schema(description = "CLIENT (default): the requester's own public key in hePublicKey, its secret key stays "
                + "with the requester; MANAGED: the coordinator keeps a key pair for the requester's organisation "
                + "(secret store) and serves the decrypted statistics at /jobs/{id}/statistics")
        KeyMode keyMode,
        @Schema(description = "homomorphic scheme, e.g. \"paillier\" (CLIENT mode; MANAGED uses paillier)")
        @Size(max = 32) String heScheme,
        @Schema(description = "Base64 of the scheme's public-key encoding; results are encrypted under it (CLIENT mode only)")
        @Size(max = 65_536) String hePublicKey,
        @Schema(description = "differential-privacy epsilon (at most 3 decimals); absent or 0: no noise")
        @DecimalMin("0") @DecimalMax("1000000") BigDecimal epsilon,
        @Schema(description = "clamping bounds for every summed column; required when epsilon > 0")
        @Size(max = 64) List<@NotNull @Valid ClampBody> clamps,
        @Schema(description = "decimal digits of fixed-point encoding for sums; 6 when absent")
        @Min(0) @Max(9) Integer fixedPointScale,
        @Schema(description = "how many assets' nodes must contribute for the job to settle")
        @NotNull @Min(1) Integer quorum,
        @Schema(description = "after this the job may be expired on chain and refunded")
        @NotNull @Min(60) @Max(MAX_TIMEOUT_SECONDS) Long timeoutSeconds,
        @Schema(description = "fee in wei, escrowed at submission and split among providers by attested weight")
        @NotNull @Pattern(regexp = "0|[1-9][0-9]{0,76}", message = "must be a non-negative integer in wei") String feeWei) {

    static final int MAX_ASSETS = 64;
    static final long MAX_TIMEOUT_SECONDS = 30L * 24 * 3600;

    /** The statistics to compute: filters (AND), an optional grouping, the measures. */
    public record QueryBody(
            @Size(max = 32) List<@NotNull @Valid FilterBody> filters,
            @Size(max = 128) String groupBy,
            @Size(max = 256) List<@NotBlank String> groups,
            @NotEmpty @Size(max = 32) List<@NotNull @Valid MeasureBody> measures) {}

    /**
     * {@code BETWEEN} takes two values (inclusive), {@code IN} one or more (up to the nodes' limit),
     * every other operator one.
     */
    public record FilterBody(@NotBlank String column, @NotNull FilterOp op,
            @NotEmpty @Size(max = Filter.MAX_IN_VALUES) List<@NotNull String> values) {}

    /** {@code column} is required except for COUNT; {@code bucketEdges} only for HISTOGRAM, ascending. */
    public record MeasureBody(@NotNull MeasureKind kind, String column, @Size(max = 256) List<@NotNull Double> bucketEdges) {}

    public record ClampBody(@NotBlank String column, @NotNull Double lower, @NotNull Double upper) {}

    public enum FilterOp { EQ, NE, LT, LE, GT, GE, BETWEEN, IN }

    public enum MeasureKind { COUNT, SUM, MEAN, VARIANCE, HISTOGRAM }

    /** Who holds the secret key the result is encrypted under. */
    public enum KeyMode { CLIENT, MANAGED }

    KeyMode mode() {
        return keyMode == null ? KeyMode.CLIENT : keyMode;
    }
}
