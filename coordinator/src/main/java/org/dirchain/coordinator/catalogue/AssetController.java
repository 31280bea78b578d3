package org.dirchain.coordinator.catalogue;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.dirchain.chain.model.Classification;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.dirchain.coordinator.web.Paging;
import org.dirchain.coordinator.web.Utf8Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The data catalogue: descriptions of what providers hold (never the data). */
@RestController
@RequestMapping("/api/v1/assets")
@Tag(name = "Catalogue")
class AssetController {
    private final CatalogueService catalogue;

    AssetController(CatalogueService catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping
    @Operation(summary = "Search the catalogue", description = "All criteria given must match; ordered by id.")
    List<AssetView> search(
            @Parameter(description = "owner organisation id") @RequestParam(required = false) @Positive Long owner,
            @RequestParam(required = false) @Size(min = 1) @Utf8Size(max = 32) String tag,
            @RequestParam(required = false) Classification classification,
            @Parameter(description = "case-insensitive text in the title")
            @RequestParam(name = "q", required = false) @Size(min = 1) @Utf8Size(max = 200) String text,
            @RequestParam(defaultValue = "false") boolean includeRetired,
            @RequestParam(defaultValue = "0") @PositiveOrZero int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
        var found = catalogue.search(new AssetSearch(owner, tag, classification, text, includeRetired));
        return Paging.slice(found, offset, limit).stream().map(AssetView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One catalogue entry")
    AssetView get(@PathVariable @Positive long id) {
        return AssetView.of(catalogue.asset(id));
    }

    @PostMapping
    @Operation(summary = "Publish an asset", description = "Caller must be a PROVIDER; signed with its key.")
    ResponseEntity<AssetView> publish(CallerOrganisation caller, @Valid @RequestBody PublishAssetRequest request) {
        AssetView view = AssetView.of(catalogue.publish(caller, request));
        return ResponseEntity.created(URI.create("/api/v1/assets/" + view.id())).body(view);
    }

    @PostMapping("/{id}/versions")
    @Operation(summary = "Publish a new version of the data", description = "Owner only.")
    AssetView publishVersion(CallerOrganisation caller, @PathVariable @Positive long id,
            @Valid @RequestBody PublishVersionRequest request) {
        return AssetView.of(catalogue.publishVersion(caller, id, request));
    }

    @PostMapping("/{id}/retire")
    @Operation(summary = "Retire an asset", description = "Owner only; no new grants or jobs afterwards.")
    AssetView retire(CallerOrganisation caller, @PathVariable @Positive long id) {
        return AssetView.of(catalogue.retire(caller, id));
    }
}
