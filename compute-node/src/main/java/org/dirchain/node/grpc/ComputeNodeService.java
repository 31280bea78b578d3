package org.dirchain.node.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.dirchain.node.api.v1.AggregateRequest;
import org.dirchain.node.api.v1.AggregateResponse;
import org.dirchain.node.api.v1.ComputeNodeGrpc;
import org.dirchain.node.api.v1.DescribeAssetsRequest;
import org.dirchain.node.api.v1.DescribeAssetsResponse;
import org.dirchain.node.api.v1.IdentifyRequest;
import org.dirchain.node.api.v1.NodeIdentity;
import org.dirchain.node.job.AggregateJobRunner;
import org.dirchain.node.job.Cancelled;
import org.dirchain.node.job.NodeCatalog;
import org.dirchain.node.verify.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Thin gRPC adapter: the work is in {@link AggregateJobRunner} and {@link NodeCatalog}. */
public final class ComputeNodeService extends ComputeNodeGrpc.ComputeNodeImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeNodeService.class);

    private final NodeIdentity identity;
    private final NodeCatalog catalog;
    private final AggregateJobRunner aggregates;

    public ComputeNodeService(NodeIdentity identity, NodeCatalog catalog, AggregateJobRunner aggregates) {
        this.identity = identity;
        this.catalog = catalog;
        this.aggregates = aggregates;
    }

    @Override
    public void identify(IdentifyRequest request, StreamObserver<NodeIdentity> out) {
        answer(out, () -> identity);
    }

    @Override
    public void describeAssets(DescribeAssetsRequest request, StreamObserver<DescribeAssetsResponse> out) {
        answer(out, catalog::describe);
    }

    @Override
    public void runAggregate(AggregateRequest request, StreamObserver<AggregateResponse> out) {
        Context ctx = Context.current();
        answer(out, () -> aggregates.run(request.getJobId(), request.getAssetId(), request.getSpec().toByteArray(),
                () -> {
                    if (ctx.isCancelled()) {
                        throw new Cancelled(ctx.getDeadline() != null && ctx.getDeadline().isExpired());
                    }
                }));
    }

    private static <T> void answer(StreamObserver<T> out, Supplier<T> work) {
        try {
            out.onNext(work.get());
            out.onCompleted();
        } catch (Refusal r) {
            LOG.info("refused: {}", r.getMessage());
            out.onError(status(r).withDescription(r.getMessage()).asRuntimeException());
        } catch (Cancelled c) {
            out.onError((c.deadlineExceeded() ? Status.DEADLINE_EXCEEDED : Status.CANCELLED)
                    .withDescription("stopped: the caller's deadline passed or the call was cancelled")
                    .asRuntimeException());
        } catch (RuntimeException e) {
            LOG.warn("job failed", e);
            out.onError(Status.INTERNAL.withDescription("node error: " + e.getMessage()).asRuntimeException());
        }
    }

    private static Status status(Refusal r) {
        return switch (r.kind()) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
        };
    }
}
