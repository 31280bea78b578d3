package org.dirchain.chain.model;

import java.util.HexFormat;

/**
 * A node's signed statement that it computed {@code jobId} on the asset at index {@code assetIndex}
 * of the job, over data matching {@code commitment}, contributing {@code weight} (e.g. rows used).
 *
 * @param signature 65-byte EIP-191 signature (r, s, v) by an account of the asset's node organisation
 */
public record Attestation(long jobId, int assetIndex, long assetId, Hash32 commitment, long weight, byte[] signature) {

    public Attestation {
        signature = signature.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attestation a
                && a.jobId == jobId
                && a.assetIndex == assetIndex
                && a.assetId == assetId
                && a.commitment.equals(commitment)
                && a.weight == weight
                && java.util.Arrays.equals(a.signature, signature);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(jobId, assetIndex, assetId, commitment, weight)
                + 31 * java.util.Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Attestation[job=" + jobId + ", asset=" + assetId + ", commitment=" + commitment + ", weight=" + weight
                + ", signature=0x" + HexFormat.of().formatHex(signature) + "]";
    }
}
