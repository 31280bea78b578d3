package org.dirchain.coordinator.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Federated training jobs: submit; status, result and cancel are the common job endpoints. */
@RestController
@Tag(name = "Jobs")
class TrainingJobController {
    private final TrainingJobService training;

    TrainingJobController(TrainingJobService training) {
        this.training = training;
    }

    @PostMapping("/api/v1/training-jobs")
    @Operation(summary = "Submit a federated training job",
            description = "Caller must be a REQUESTER with an approved TRAIN_LOGISTIC or TRAIN_LINEAR grant per asset. "
                    + "Recorded on chain, then trained on the assets' nodes with secure aggregation: 202 with the job; "
                    + "follow it at the Location, per-round metrics at /rounds, the model at /result.")
    ResponseEntity<JobView> submit(CallerOrganisation caller, @Valid @RequestBody TrainingJobRequestBody body) {
        JobView view = training.submit(caller, body);
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + view.id())).body(view);
    }

    @GetMapping(value = "/api/v1/jobs/{id}/rounds", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "A training job's per-round metrics",
            description = "Participants, drop-outs with their reasons, training loss, hold-out metrics (accuracy, AUC, "
                    + "log-loss or RMSE) and model change, one entry per finished round; same visibility as the job.")
    ResponseEntity<String> rounds(CallerOrganisation caller, @PathVariable @Positive long id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(training.rounds(caller, id));
    }
}
