package org.dirchain.coordinator.grants;

import io.swagger.v3.oas.annotations.media.Schema;
import org.dirchain.chain.model.Hash32;
import org.dirchain.coordinator.web.HexHash;

/** Optional body of a denial or revocation: the reason, as a hash (the text stays off chain). */
public record DecisionBody(@Schema(description = "hash of the reason; absent: no reason recorded") @HexHash String reasonHash) {

    Hash32 reason() {
        return reasonHash == null ? null : new Hash32(reasonHash);
    }
}
