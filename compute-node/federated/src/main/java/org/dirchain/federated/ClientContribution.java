package org.dirchain.federated;

/**
 * A client's share of the job, for attestation and settlement.
 *
 * @param rowsUsed training rows in its most recent accepted update (its data's weight in FedAvg)
 * @param roundsParticipated rounds in which its update went into the aggregate
 */
public record ClientContribution(String clientId, long rowsUsed, int roundsParticipated) {}
