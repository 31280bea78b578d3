package org.dirchain.coordinator.jobs;

import java.time.Instant;

/**
 * A pending chain write of the outbox: {@code kind} ATTEST, SETTLE or FAIL (an expiry when its
 * payload has {@code "expire": true}), {@code payload} JSON;
 * {@code nextAttemptAt} is null until an attempt failed.
 */
record OutboxStep(long id, long jobId, String kind, String discriminator, String payload, int attempts,
        Instant nextAttemptAt) {

    static final String ATTEST = "ATTEST";
    static final String SETTLE = "SETTLE";
    static final String FAIL = "FAIL";
}
