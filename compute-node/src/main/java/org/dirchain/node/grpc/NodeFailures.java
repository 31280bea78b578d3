package org.dirchain.node.grpc;

import io.grpc.Status;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.dirchain.node.data.DataSourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The status a caller gets when a call fails inside the node (as opposed to a {@code Refusal}): a
 * generic reason and a reference, never the exception's own text. Driver messages, SQL, file paths,
 * stack traces and class names describe the node's internals, and the coordinator relays a node's
 * status to the requester; the detail goes to the node's log under the same reference, for its
 * operator to look up.
 */
final class NodeFailures {
    private static final Logger LOG = LoggerFactory.getLogger(NodeFailures.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private NodeFailures() {}

    /** Logs {@code failure} under a fresh reference and returns the INTERNAL status to answer with. */
    static Status internal(String call, long jobId, RuntimeException failure) {
        String ref = reference();
        boolean data = failure instanceof DataSourceException;
        // key=value fields for the operator; the exception and its stack stay in this log.
        LOG.warn("call failed: ref={} call={} job={} kind={} exception={}", ref, call, jobId,
                data ? "data-source" : "internal", failure.getClass().getName(), failure);
        String reason = data ? "the asset's data could not be read" : "the node failed while handling the call";
        return Status.INTERNAL.withDescription("node error " + ref + ": " + reason
                + "; the node's operator can find the details in its log under this reference");
    }

    /** 64 random bits as hex: unique enough to find one failure in a node's log, and says nothing. */
    private static String reference() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
