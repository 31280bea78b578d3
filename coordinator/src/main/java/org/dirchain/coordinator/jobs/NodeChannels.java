package org.dirchain.coordinator.jobs;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dirchain.node.api.v1.ComputeNodeGrpc;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * One gRPC channel per compute-node endpoint ({@code host:port} as the node organisation registered
 * it on chain), kept for the life of the process. Plaintext for now: mutual TLS between coordinator
 * and nodes is still to be done (docs/api.md).
 */
@Component
class NodeChannels implements DisposableBean {
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    ComputeNodeGrpc.ComputeNodeFutureStub node(String endpoint) {
        return ComputeNodeGrpc.newFutureStub(channels.computeIfAbsent(endpoint, NodeChannels::open));
    }

    /** True for {@code host:port} with a port in range; anything else is not dialled. */
    static boolean isEndpoint(String endpoint) {
        if (endpoint == null) {
            return false;
        }
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1) {
            return false;
        }
        try {
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            return port > 0 && port < 65_536;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ManagedChannel open(String endpoint) {
        return ManagedChannelBuilder.forTarget(endpoint).usePlaintext().build();
    }

    @Override
    public void destroy() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
