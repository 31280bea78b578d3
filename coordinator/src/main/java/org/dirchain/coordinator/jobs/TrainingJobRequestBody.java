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
import org.dirchain.coordinator.jobs.JobRequestBody.FilterBody;

/**
 * A federated training job: one approved TRAIN_* grant per asset, the model and columns, and the
 * training settings. The nodes train locally; the coordinator only ever sees secure sums.
 */
public record TrainingJobRequestBody(
        @Schema(description = "one approved grant of the caller per asset (operation TRAIN_LOGISTIC or TRAIN_LINEAR)")
        @NotEmpty @Size(max = 8) List<@NotNull @Positive Long> grants,
        @Schema(description = "LOGISTIC (binary label 0/1) or LINEAR")
        @NotNull ModelKind model,
        @Schema(description = "numeric feature columns, in coefficient order")
        @NotEmpty @Size(max = 256) List<@NotNull @Pattern(regexp = COLUMN) String> features,
        @NotNull @Pattern(regexp = COLUMN) String label,
        @Size(max = 32) List<@NotNull @Valid FilterBody> filters,
        @Schema(description = "L2 penalty on the coefficients; 0 when absent")
        @DecimalMin("0") @DecimalMax("1000") Double l2,
        @NotNull @Min(1) @Max(1000) Integer rounds,
        @Schema(description = "local passes over each node's training rows per round; 1 when absent")
        @Min(1) @Max(100) Integer localEpochs,
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double learningRate,
        @Schema(description = "rows per gradient step; 0 or absent: one step per epoch over all rows")
        @Min(0) @Max(1_000_000) Integer batchSize,
        @Schema(description = "stop when a round moves the parameters less than this; 0 or absent: run all rounds")
        @DecimalMin("0") Double tolerance,
        @Schema(description = "share of each node's rows held out for evaluation; 0.2 when absent")
        @DecimalMin("0") @DecimalMax("0.5") Double holdoutFraction,
        @Schema(description = "seed of the deterministic train/hold-out split; 1 when absent")
        Long splitSeed,
        @Schema(description = "nodes whose updates every secure sum must contain (>= 2)")
        @NotNull @Min(2) Integer quorum,
        @Schema(description = "differential-privacy epsilon charged on each grant (at most 3 decimals); absent or 0: "
                + "no noise. With an epsilon, dpClipNorm, dpDelta and dpBounds for every feature (and a LINEAR label) "
                + "are required, training runs full batch and no hold-out metrics are released")
        @DecimalMin("0") @DecimalMax("1000000") BigDecimal epsilon,
        @Schema(description = "L2 norm each row's gradient is clipped to")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000") Double dpClipNorm,
        @Schema(description = "delta of the (epsilon, delta) guarantee, at most 0.001")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("0.001") Double dpDelta,
        @Schema(description = "public bounds each feature (and a LINEAR label) is clamped to")
        @Size(max = 257) List<JobRequestBody.@NotNull @Valid ClampBody> dpBounds,
        @NotNull @Min(60) @Max(JobRequestBody.MAX_TIMEOUT_SECONDS) Long timeoutSeconds,
        @NotNull @Pattern(regexp = "0|[1-9][0-9]{0,76}", message = "must be a non-negative integer in wei") String feeWei) {

    static final String COLUMN = "[A-Za-z_][A-Za-z0-9_]{0,62}";

    public enum ModelKind { LOGISTIC, LINEAR }
}
