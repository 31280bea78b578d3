package org.dirchain.coordinator.jobs;

import java.util.List;

/**
 * What the requester downloads: the element-wise sum of the nodes' ciphertext vectors, still
 * encrypted under its own key. To read it: decrypt every ciphertext, unpack {@code laneBits}-bit
 * lanes ({@code contributions} partials were summed), and interpret the vector with the query's
 * layout (its length follows from the query; see docs/api.md). Its keccak256 is the result hash
 * recorded on chain at settlement.
 *
 * @param assetIndexes positions (in the job) of the assets whose contributions were summed
 * @param ciphertexts Base64 of each ciphertext in the scheme's encoding
 */
record ResultPayload(long jobId, String heScheme, int laneBits, int fixedPointScale, int contributions,
        List<Integer> assetIndexes, List<String> ciphertexts) {}
