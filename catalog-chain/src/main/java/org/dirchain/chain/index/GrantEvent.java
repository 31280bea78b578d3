package org.dirchain.chain.index;

/**
 * One step of a grant's history, for audit: who did what, in which block and transaction. {@code org}
 * is 0 for APPROVED, which the threshold reaching causes rather than an organisation.
 */
public record GrantEvent(Kind kind, long org, long block, String txHash) {
    public enum Kind {
        REQUESTED,
        APPROVAL,
        APPROVED,
        DENIED,
        REVOKED,
        CONSUMED
    }
}
