package org.dirchain.coordinator.organisations;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Positive;
import java.util.List;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.coordinator.web.ApiProblemException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Consortium members: public to every member, as they are on chain. */
@RestController
@RequestMapping("/api/v1/organisations")
@Tag(name = "Organisations")
class OrganisationController {
    private final DirectoryIndex index;

    OrganisationController(DirectoryIndex index) {
        this.index = index;
    }

    @GetMapping
    @Operation(summary = "All organisations of the consortium")
    List<OrganisationView> list() {
        return index.organisations().stream().map(OrganisationView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "One organisation")
    OrganisationView get(@PathVariable @Positive long id) {
        return index.organisation(id).map(OrganisationView::of)
                .orElseThrow(() -> ApiProblemException.notFound("organisation", id));
    }
}
