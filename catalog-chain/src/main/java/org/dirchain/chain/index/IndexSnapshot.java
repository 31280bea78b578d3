package org.dirchain.chain.index;

import java.util.Map;

/** The whole index at one block, comparable by value (a rebuilt index must equal the live one). */
public record IndexSnapshot(
        long block,
        Map<Long, IndexedOrganisation> organisations,
        Map<Long, IndexedAsset> assets,
        Map<Long, IndexedGrant> grants,
        Map<Long, IndexedJob> jobs) {

    public IndexSnapshot {
        organisations = Map.copyOf(organisations);
        assets = Map.copyOf(assets);
        grants = Map.copyOf(grants);
        jobs = Map.copyOf(jobs);
    }
}
