package org.dirchain.coordinator.grants;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.List;
import org.dirchain.chain.model.GrantStatus;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Access grants: request, k-of-n approval, denial, revocation; visible only to those involved. */
@RestController
@RequestMapping("/api/v1/grants")
@Tag(name = "Grants")
class GrantController {
    private final GrantService grants;

    GrantController(GrantService grants) {
        this.grants = grants;
    }

    @GetMapping
    @Operation(summary = "Grants that concern the caller",
            description = "Grants the caller requested, or on assets it owns or approves; regulators see all.")
    List<GrantView> list(CallerOrganisation caller,
            @Parameter(description = "all (default) | requested | owned | approver | pending")
            @RequestParam(required = false) @Pattern(regexp = "all|requested|owned|approver|pending",
                    message = "must be one of all, requested, owned, approver, pending") String mine,
            @RequestParam(required = false) @Positive Long asset,
            @RequestParam(required = false) GrantStatus status) {
        return grants.list(caller, GrantService.Mine.parse(mine), asset, status);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One grant with its history", description = "404 unless the caller is involved.")
    GrantView get(CallerOrganisation caller, @PathVariable @Positive long id) {
        return grants.get(caller, id);
    }

    @PostMapping
    @Operation(summary = "Request access to an asset", description = "Caller must be a REQUESTER.")
    ResponseEntity<GrantView> request(CallerOrganisation caller, @Valid @RequestBody GrantRequestBody body) {
        GrantView view = grants.request(caller, body);
        return ResponseEntity.created(URI.create("/api/v1/grants/" + view.id())).body(view);
    }

    @PostMapping("/{id}/approve")
    @Operation(summary = "Record the caller's approval", description = "Caller must be an approver of the asset.")
    GrantView approve(CallerOrganisation caller, @PathVariable @Positive long id) {
        return grants.approve(caller, id);
    }

    @PostMapping("/{id}/deny")
    @Operation(summary = "Deny a pending grant", description = "Caller must be an approver; final.")
    GrantView deny(CallerOrganisation caller, @PathVariable @Positive long id,
            @Valid @RequestBody(required = false) DecisionBody body) {
        return grants.deny(caller, id, body == null ? null : body.reason());
    }

    @PostMapping("/{id}/revoke")
    @Operation(summary = "Revoke a grant", description = "Asset owner or a regulator; final.")
    GrantView revoke(CallerOrganisation caller, @PathVariable @Positive long id,
            @Valid @RequestBody(required = false) DecisionBody body) {
        return grants.revoke(caller, id, body == null ? null : body.reason());
    }
}
