package org.dirchain.coordinator.auth;

import java.time.Instant;

/**
 * One API key as stored: its id, the one organisation it acts for, and the SHA-256 of the key.
 *
 * @param createdByOrg the organisation that issued it (null for the bootstrap key)
 */
public record ApiKeyRecord(
        String keyId,
        long orgId,
        String keySha256,
        String label,
        Instant createdAt,
        Long createdByOrg,
        Instant revokedAt,
        Long revokedByOrg) {

    public boolean active() {
        return revokedAt == null;
    }

    @Override
    public String toString() {
        return "ApiKeyRecord[" + keyId + ", org=" + orgId + ", active=" + active() + "]";
    }
}
