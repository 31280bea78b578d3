package org.dirchain.coordinator.jobs;

import io.grpc.Status;
import java.nio.channels.ClosedChannelException;

/** What became of one node's contribution. */
enum ContributionStatus {
    /** asked, no answer yet */
    PENDING,
    /** encrypted partial and attestation received */
    OK,
    /** the node refused (gRPC status and its reason in {@code error}) */
    REFUSED,
    /** no answer within the node deadline */
    TIMED_OUT,
    /** no endpoint registered, or the node could not be reached */
    UNREACHABLE,
    /**
     * the node took part but its masked partial could not be used: too few participants were left
     * for a masked sum, or another dropped after it had masked (masks cancel only all together)
     */
    ABANDONED;

    /**
     * The status of a failed node call. A connection cut while a call is in flight surfaces from the
     * transport as {@code UNKNOWN: channel closed} instead of {@code UNAVAILABLE}, depending on whether
     * the cut comes before or after the request was written; both mean the node went away.
     */
    static Status statusOf(Throwable failure) {
        Status s = Status.fromThrowable(failure);
        boolean connectionLost = s.getCode() == Status.Code.UNKNOWN
                && (s.getCause() instanceof ClosedChannelException || "channel closed".equals(s.getDescription()));
        return connectionLost ? Status.UNAVAILABLE.withDescription("connection to the node closed").withCause(s.getCause()) : s;
    }

    /** The outcome of a failed node call. */
    static ContributionStatus of(Status status) {
        return switch (status.getCode()) {
            case DEADLINE_EXCEEDED -> TIMED_OUT;
            case UNAVAILABLE -> UNREACHABLE;
            case ABORTED -> ABANDONED;
            default -> REFUSED;
        };
    }

    /** A failed node call as recorded and shown: the status code and the node's reason. */
    static String reason(Status status) {
        return status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    }
}
