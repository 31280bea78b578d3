package org.dirchain.coordinator.jobs;

/** What became of one node's contribution. */
enum ContributionStatus {
    /** asked, no answer yet */
    PENDING,
    /** encrypted partial and attestation received */
    OK,
    /** the node refused (gRPC status and its reason in {@code error}) */
    REFUSED,
    /** no answer within the node deadline */
    TIMED_OUT,
    /** no endpoint registered, or the node could not be reached */
    UNREACHABLE
}
