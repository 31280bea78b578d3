package org.dirchain.node.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.dirchain.node.api.v1.ComputeNodeGrpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's gRPC server: the compute service, the standard health service and server reflection. */
public final class ComputeNodeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeNodeServer.class);

    private final Server server;
    private final HealthStatusManager health = new HealthStatusManager();

    private ComputeNodeServer(InetSocketAddress address, BindableService service) {
        this.server = NettyServerBuilder.forAddress(address)
                .addService(service)
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .maxInboundMessageSize(16 * 1024 * 1024)
                .build();
    }

    /** Binds {@code host:port} (port 0 picks a free one) and reports SERVING. */
    public static ComputeNodeServer start(String host, int port, BindableService service) {
        ComputeNodeServer s = new ComputeNodeServer(new InetSocketAddress(host, port), service);
        try {
            s.server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind compute node to " + host + ":" + port, e);
        }
        s.health.setStatus("", io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        s.health.setStatus(ComputeNodeGrpc.SERVICE_NAME, io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
        LOG.info("compute node listening on {}:{}", host, s.port());
        return s;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        health.enterTerminalState();
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
