package org.dirchain.coordinator.jobs;

/** The coordinator-side life cycle of a job ({@code jobs.status}). */
enum JobState {
    /** recorded on chain, nodes not asked yet */
    SUBMITTED,
    /** nodes are being asked */
    RUNNING,
    /** the encrypted result is stored; attestations and settlement are on their way to the chain */
    AGGREGATED,
    /** settled on chain: fee paid out by attested weight */
    SETTLED,
    /** too few contributions, or cancelled: failed on chain and the fee refunded */
    FAILED;

    boolean isFinal() {
        return this == SETTLED || this == FAILED;
    }
}
