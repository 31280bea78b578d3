package org.dirchain.coordinator.auth;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import org.dirchain.coordinator.web.Utf8Size;

/** Request and response bodies of the admin endpoints. */
final class AdminViews {
    private AdminViews() {}

    record IssueApiKeyRequest(@Schema(description = "free text to tell keys apart, e.g. 'billing system'")
            @Utf8Size(max = 100) String label) {}

    /** Returned once, at issue: {@code apiKey} is not stored and cannot be shown again. */
    record IssuedApiKey(String keyId, long orgId, String label, Instant createdAt, String apiKey) {
        @Override
        public String toString() {
            return "IssuedApiKey[" + keyId + "]";
        }
    }

    record ApiKeyView(String keyId, long orgId, String label, Instant createdAt, Long createdByOrg,
            Instant revokedAt, Long revokedByOrg, boolean active) {
        static ApiKeyView of(ApiKeyRecord r) {
            return new ApiKeyView(r.keyId(), r.orgId(), r.label(), r.createdAt(), r.createdByOrg(), r.revokedAt(),
                    r.revokedByOrg(), r.active());
        }
    }

    record SigningKeyRequest(
            @Schema(description = "the organisation account's secp256k1 private key, 0x + 64 hex digits")
            @NotNull @Pattern(regexp = "0x[0-9a-fA-F]{64}", message = "must be 0x followed by 64 hex digits")
            String privateKey) {
        @Override
        public String toString() {
            return "SigningKeyRequest[***]";
        }
    }

    record SigningKeyView(long orgId, String address) {}
}
