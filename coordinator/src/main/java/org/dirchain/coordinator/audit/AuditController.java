package org.dirchain.coordinator.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.util.List;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.dirchain.coordinator.grants.GrantView;
import org.dirchain.coordinator.web.ApiProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail: every job and grant with its history, for regulators (others: their own). */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit")
class AuditController {
    private final AuditService audit;
    private final DirectoryIndex index;

    AuditController(AuditService audit, DirectoryIndex index) {
        this.audit = audit;
        this.index = index;
    }

    @GetMapping("/jobs")
    @Operation(summary = "Jobs on the ledger",
            description = "Regulators see all; others the jobs they are involved in. Jobs appear once submitted on chain.")
    List<JobAuditView> jobs(CallerOrganisation caller,
            @RequestParam(required = false) @Positive Long asset,
            @Parameter(description = "organisation involved (requester, provider, node, owner or approver)")
            @RequestParam(required = false) @Positive Long org,
            @Parameter(description = "first submission block (inclusive)")
            @RequestParam(required = false) @PositiveOrZero Long from,
            @Parameter(description = "last submission block (inclusive)")
            @RequestParam(required = false) @PositiveOrZero Long to) {
        if (from != null && to != null && from > to) {
            throw ApiProblemException.invalid("from", "must not be after 'to'");
        }
        return audit.jobs(caller, new AuditService.JobQuery(asset, org, from, to)).stream()
                .map(JobAuditView::of).toList();
    }

    @GetMapping("/grants")
    @Operation(summary = "Grants with their full history",
            description = "Regulators see all; others the grants they are involved in.")
    List<GrantView> grants(CallerOrganisation caller,
            @RequestParam(required = false) @Positive Long asset,
            @Parameter(description = "organisation involved (grantee, owner or approver)")
            @RequestParam(required = false) @Positive Long org) {
        return audit.grants(caller, asset, org).stream()
                .map(g -> GrantView.of(g, index.asset(g.assetId()).map(IndexedAsset::approvalsRequired).orElse(1)))
                .toList();
    }
}
