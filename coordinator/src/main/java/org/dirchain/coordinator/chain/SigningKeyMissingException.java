package org.dirchain.coordinator.chain;

/** The caller's organisation has no chain signing key in the secret store, so it cannot write. */
public final class SigningKeyMissingException extends RuntimeException {
    private final long orgId;

    public SigningKeyMissingException(long orgId) {
        super("organisation " + orgId + " has no chain signing key registered with the coordinator; "
                + "the regulator registers it with PUT /api/v1/admin/organisations/" + orgId + "/signing-key");
        this.orgId = orgId;
    }

    public long orgId() {
        return orgId;
    }
}
