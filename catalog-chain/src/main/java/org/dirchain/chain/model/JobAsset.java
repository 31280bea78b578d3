package org.dirchain.chain.model;

/** One asset of a job: the grant it is used under and the attested contribution (0 until attested). */
public record JobAsset(long assetId, long grantId, long weight) {}
