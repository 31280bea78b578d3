package org.dirchain.coordinator.auth;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedOrganisation;
import org.dirchain.coordinator.secrets.OrganisationKeys;
import org.dirchain.coordinator.web.ApiProblemException;
import org.dirchain.coordinator.web.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.web3j.crypto.Credentials;

/**
 * Onboarding an organisation to the API: the regulator issues its API keys and registers the chain
 * key its writes are signed with. An organisation may list and revoke its own keys (a leaked key
 * must be revocable by its owner without waiting for the regulator).
 */
@RestController
@RequestMapping("/api/v1/admin")
@Tag(name = "Admin")
class AdminController {
    private static final Logger LOG = LoggerFactory.getLogger(AdminController.class);
    private static final String KEY_ID = "[0-9a-f]{16}";

    private final ApiKeyService keys;
    private final OrganisationKeys signingKeys;
    private final DirectoryIndex index;

    AdminController(ApiKeyService keys, OrganisationKeys signingKeys, DirectoryIndex index) {
        this.keys = keys;
        this.signingKeys = signingKeys;
        this.index = index;
    }

    @PostMapping("/organisations/{orgId}/api-keys")
    @Operation(summary = "Issue an API key for an organisation (regulator)",
            description = "The key is in this response only; the coordinator keeps its SHA-256.")
    ResponseEntity<AdminViews.IssuedApiKey> issue(CallerOrganisation caller, @PathVariable @Positive long orgId,
            @Valid @RequestBody(required = false) AdminViews.IssueApiKeyRequest body) {
        requireRegulator(caller);
        organisation(orgId);
        ApiKeyService.IssuedKey issued = keys.issue(orgId, body == null ? null : body.label(), caller.orgId());
        ApiKeyRecord r = issued.record();
        return ResponseEntity.created(URI.create("/api/v1/admin/organisations/" + orgId + "/api-keys"))
                .body(new AdminViews.IssuedApiKey(r.keyId(), r.orgId(), r.label(), r.createdAt(), issued.token()));
    }

    @GetMapping("/organisations/{orgId}/api-keys")
    @Operation(summary = "An organisation's API keys (regulator, or the organisation itself)")
    List<AdminViews.ApiKeyView> list(CallerOrganisation caller, @PathVariable @Positive long orgId) {
        if (!caller.mayActFor(orgId)) {
            throw ApiProblemException.forbidden("only a regulator may list another organisation's keys");
        }
        return keys.keysOf(orgId).stream().map(AdminViews.ApiKeyView::of).toList();
    }

    @DeleteMapping("/api-keys/{keyId}")
    @Operation(summary = "Revoke an API key (regulator, or the key's own organisation)")
    ResponseEntity<Void> revoke(CallerOrganisation caller,
            @PathVariable @Pattern(regexp = KEY_ID, message = "must be 16 lower-case hex digits") String keyId) {
        // another organisation's key ids are not disclosed: not yours and not there look the same
        ApiKeyRecord key = keys.find(keyId).filter(k -> caller.mayActFor(k.orgId()))
                .orElseThrow(() -> ApiProblemException.notFound("API key", keyId));
        if (key.active()) {
            keys.revoke(keyId, caller.orgId());
        }
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/organisations/{orgId}/signing-key")
    @Operation(summary = "Register an organisation's chain signing key (regulator)",
            description = "Stored in the secret store; must be the key of one of the organisation's on-chain accounts.")
    AdminViews.SigningKeyView registerSigningKey(CallerOrganisation caller, @PathVariable @Positive long orgId,
            @Valid @RequestBody AdminViews.SigningKeyRequest body) {
        requireRegulator(caller);
        IndexedOrganisation org = organisation(orgId);
        byte[] privateKey = HexFormat.of().parseHex(body.privateKey().substring(2));
        Credentials credentials;
        try {
            credentials = OrganisationKeys.toCredentials(privateKey);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("privateKey", e.getMessage());
        }
        String address = credentials.getAddress().toLowerCase(Locale.ROOT);
        boolean isAccount = org.accounts().stream().anyMatch(a -> a.equalsIgnoreCase(address));
        if (!isAccount) {
            throw new ApiProblemException(HttpStatus.CONFLICT, ProblemTypes.NOT_AN_ACCOUNT, "Not an account",
                    "address " + address + " is not an account of organisation " + orgId + " on chain",
                    Map.of("address", address, "orgId", orgId));
        }
        signingKeys.register(orgId, privateKey);
        Arrays.fill(privateKey, (byte) 0);
        LOG.info("signing key registered org={} address={} by={}", orgId, address, caller.orgId());
        return new AdminViews.SigningKeyView(orgId, address);
    }

    @DeleteMapping("/organisations/{orgId}/signing-key")
    @Operation(summary = "Remove an organisation's chain signing key (regulator)")
    ResponseEntity<Void> forgetSigningKey(CallerOrganisation caller, @PathVariable @Positive long orgId) {
        requireRegulator(caller);
        if (!signingKeys.forget(orgId)) {
            throw ApiProblemException.notFound("signing key of organisation", orgId);
        }
        LOG.info("signing key removed org={} by={}", orgId, caller.orgId());
        return ResponseEntity.noContent().build();
    }

    private static void requireRegulator(CallerOrganisation caller) {
        if (!caller.isRegulator()) {
            throw ApiProblemException.forbidden("only a REGULATOR organisation may do this; organisation "
                    + caller.orgId() + " is not one");
        }
    }

    private IndexedOrganisation organisation(long orgId) {
        return index.organisation(orgId).orElseThrow(() -> ApiProblemException.notFound("organisation", orgId));
    }
}
