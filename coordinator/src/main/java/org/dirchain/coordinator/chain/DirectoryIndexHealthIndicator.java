package org.dirchain.coordinator.chain;

import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.errors.ChainException;
import org.dirchain.chain.index.DirectoryIndex;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health of the chain connection and how far the index trails the chain head. */
@Component // reported as "directoryIndex" under /actuator/health
class DirectoryIndexHealthIndicator implements HealthIndicator {
    private final ChainConnection chain;
    private final DirectoryIndex index;

    DirectoryIndexHealthIndicator(ChainConnection chain, DirectoryIndex index) {
        this.chain = chain;
        this.index = index;
    }

    @Override
    public Health health() {
        long indexed = index.block();
        try {
            long head = chain.blockNumber();
            return Health.up().withDetail("chainHead", head).withDetail("indexedBlock", indexed)
                    .withDetail("lagBlocks", Math.max(0, head - indexed)).build();
        } catch (ChainException e) {
            return Health.down().withDetail("indexedBlock", indexed).withDetail("error", e.getMessage()).build();
        }
    }
}
