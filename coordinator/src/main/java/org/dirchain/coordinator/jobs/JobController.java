package org.dirchain.coordinator.jobs;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.util.List;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.dirchain.coordinator.web.Paging;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Encrypted aggregate jobs: submit, list, follow, fetch the encrypted result, cancel. */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs")
class JobController {
    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    @PostMapping
    @Operation(summary = "Submit an aggregate job",
            description = "Caller must be a REQUESTER. Recorded on chain, then run on the assets' nodes in the "
                    + "background: 202 with the job; follow it at the Location.")
    ResponseEntity<JobView> submit(CallerOrganisation caller, @Valid @RequestBody JobRequestBody body) {
        JobView view = jobs.submit(caller, body);
        return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + view.id())).body(view);
    }

    @GetMapping
    @Operation(summary = "The caller's own jobs",
            description = "Jobs the caller's organisation requested, newest first, optionally only those in one "
                    + "status. Jobs of other organisations never appear, whatever the caller's role.")
    List<JobView> list(CallerOrganisation caller,
            @Parameter(description = "SUBMITTED | RUNNING | AGGREGATED | SETTLED | FAILED")
            @RequestParam(required = false) JobState state,
            @RequestParam(defaultValue = "0") @PositiveOrZero int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
        return jobs.list(caller, state, offset, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A job's status, progress and per-node outcome",
            description = "Requester, organisations of the job's assets, regulators; 404 for anyone else.")
    JobView get(CallerOrganisation caller, @PathVariable @Positive long id) {
        return jobs.get(caller, id);
    }

    @GetMapping(value = "/{id}/result", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The encrypted result", description = "Requester only (404 for anyone else); 409 until "
            + "it is aggregated. Decrypt with the secret key matching the job's public key.")
    ResponseEntity<byte[]> result(CallerOrganisation caller, @PathVariable @Positive long id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(jobs.result(caller, id));
    }

    @GetMapping(value = "/{id}/statistics", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The decrypted statistics of a managed-key job", description = "Requester only (404 for "
            + "anyone else); 409 until it is aggregated, or when the job was submitted with the requester's own key.")
    ManagedResults.AggregateStatistics statistics(CallerOrganisation caller, @PathVariable @Positive long id) {
        return jobs.statistics(caller, id);
    }

    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel a job", description = "Requester only, while SUBMITTED or RUNNING: failed on "
            + "chain and the fee refunded.")
    JobView cancel(CallerOrganisation caller, @PathVariable @Positive long id) {
        return jobs.cancel(caller, id);
    }
}
