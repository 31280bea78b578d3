package org.dirchain.coordinator.jobs;

/**
 * A row of {@code job_contributions}: what one asset's node answered. {@code payload} is the node's
 * {@code AggregateResponse} as it sent it (ciphertexts and signed attestation).
 */
record ContributionRecord(long jobId, int assetIndex, long assetId, long nodeOrg, ContributionStatus status,
        byte[] payload, String commitment, Long weight, String signature, String error) {}
