package org.dirchain.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class ContributionStatusTest {

    @Test
    void aConnectionClosedMidCallIsAnUnreachableNodeNotARefusal() {
        Status s = ContributionStatus.statusOf(
                Status.UNKNOWN.withDescription("channel closed").withCause(new ClosedChannelException()).asRuntimeException());
        assertThat(s.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(ContributionStatus.of(s)).isEqualTo(ContributionStatus.UNREACHABLE);
        assertThat(ContributionStatus.reason(s)).startsWith("UNAVAILABLE: connection to the node closed");
    }

    @Test
    void aNodesOwnUnknownErrorStaysARefusalWithItsReason() {
        Status s = ContributionStatus.statusOf(Status.UNKNOWN.withDescription("disk full").asRuntimeException());
        assertThat(ContributionStatus.of(s)).isEqualTo(ContributionStatus.REFUSED);
        assertThat(ContributionStatus.reason(s)).isEqualTo("UNKNOWN: disk full");
    }

    @Test
    void deadlinesAndRefusalsKeepTheirMeaning() {
        assertThat(ContributionStatus.of(ContributionStatus.statusOf(Status.DEADLINE_EXCEEDED.asRuntimeException())))
                .isEqualTo(ContributionStatus.TIMED_OUT);
        assertThat(ContributionStatus.of(ContributionStatus.statusOf(
                Status.PERMISSION_DENIED.withDescription("grant revoked").asRuntimeException())))
                .isEqualTo(ContributionStatus.REFUSED);
        assertThat(ContributionStatus.of(Status.ABORTED.withDescription("masked partial unusable").asRuntimeException()
                .getStatus())).as("a masked partial that cannot be summed").isEqualTo(ContributionStatus.ABANDONED);
    }
}
