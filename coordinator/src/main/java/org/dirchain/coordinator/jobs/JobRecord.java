package org.dirchain.coordinator.jobs;

import java.time.Instant;

/** A row of {@code jobs}: the coordinator's side of a job whose id is the ledger's. */
record JobRecord(long id, long requesterOrg, String kind, JobState status, byte[] spec, String specHash,
        String progress, String error, Instant createdAt, Instant updatedAt) {}
