package org.dirchain.coordinator.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.index.DirectoryIndexer;
import org.dirchain.coordinator.CoordinatorProperties;
import org.dirchain.coordinator.testing.CoordinatorTestEnvironment;
import org.junit.jupiter.api.Test;

/** Read-your-writes against a real chain, with and without a confirmation depth. */
class IndexFollowerTest {
    private static final DirectoryFixture F = CoordinatorTestEnvironment.get().fixture;

    private static IndexFollower follower(DirectoryIndexer indexer, int confirmations, Duration timeout) {
        return new IndexFollower(indexer, F.chain,
                new CoordinatorProperties.Index(confirmations, Duration.ofHours(1), 500, timeout));
    }

    @Test
    void afterAWriteTheIndexShowsIt() {
        try (DirectoryIndexer indexer = new DirectoryIndexer(F.chain, F.deployment, 0, 500)) {
            IndexFollower follower = follower(indexer, 0, Duration.ofSeconds(10));
            follower.start(); // initial build; the background poll (1 h) never fires in this test
            long asset = F.as(DirectoryFixture.HOSPITAL).catalog().register(F.draft(F.nodeAOrg, List.of(), 1));
            assertThat(indexer.index().asset(asset)).as("not polled yet").isEmpty();
            long head = follower.awaitChainHead();
            assertThat(head).isEqualTo(F.chain.blockNumber());
            assertThat(indexer.index().asset(asset)).isPresent();
            follower.stop();
        }
    }

    @Test
    void withConfirmationsAWriteWaitsUntilItsBlockIsDeepEnough() {
        try (DirectoryIndexer indexer = new DirectoryIndexer(F.chain, F.deployment, 2, 500)) {
            IndexFollower follower = follower(indexer, 2, Duration.ofMillis(300));
            follower.start();
            long asset = F.as(DirectoryFixture.HOSPITAL).catalog().register(F.draft(F.nodeAOrg, List.of(), 1));
            long written = F.chain.blockNumber();
            IndexLagException lag = catchThrowableOfType(IndexLagException.class, follower::awaitChainHead);
            assertThat(lag.writtenBlock()).isEqualTo(written);
            assertThat(lag.indexedBlock()).isEqualTo(written - 2);
            assertThat(indexer.index().asset(asset)).isEmpty();

            F.dev.mine(2);
            IndexFollower patient = follower(indexer, 2, Duration.ofSeconds(10));
            assertThat(patient.awaitIndexed(written)).isEqualTo(written);
            assertThat(indexer.index().asset(asset)).isPresent();
            assertThatThrownBy(() -> follower(indexer, 2, Duration.ZERO).awaitChainHead())
                    .as("the current head is not deep enough yet").isInstanceOf(IndexLagException.class);
            follower.stop();
        }
    }
}
