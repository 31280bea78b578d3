package org.dirchain.node.grpc;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;
import org.dirchain.node.api.v1.AggregateKeyRequest;
import org.dirchain.node.api.v1.AggregateMaskKey;
import org.dirchain.node.api.v1.AggregateRequest;
import org.dirchain.node.api.v1.AggregateResponse;
import org.dirchain.node.api.v1.ComputeNodeGrpc;
import org.dirchain.node.api.v1.DescribeAssetsRequest;
import org.dirchain.node.api.v1.DescribeAssetsResponse;
import org.dirchain.node.api.v1.IdentifyRequest;
import org.dirchain.node.api.v1.NodeIdentity;
import org.dirchain.node.api.v1.AttestTrainingRequest;
import org.dirchain.node.api.v1.TrainAdvertiseRequest;
import org.dirchain.node.api.v1.TrainAdvertiseResponse;
import org.dirchain.node.api.v1.TrainMaskedInputRequest;
import org.dirchain.node.api.v1.TrainMaskedInputResponse;
import org.dirchain.node.api.v1.TrainShareKeysRequest;
import org.dirchain.node.api.v1.TrainShareKeysResponse;
import org.dirchain.node.api.v1.TrainUnmaskRequest;
import org.dirchain.node.api.v1.TrainUnmaskResponse;
import org.dirchain.node.api.v1.TrainingAttestation;
import org.dirchain.node.federation.SecureTrainingService;
import org.dirchain.node.job.AggregateJobRunner;
import org.dirchain.node.job.Cancelled;
import org.dirchain.node.job.NodeCatalog;
import org.dirchain.node.verify.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thin gRPC adapter: the work is in {@link AggregateJobRunner}, {@link SecureTrainingService} and
 * {@link NodeCatalog}.
 */
public final class ComputeNodeService extends ComputeNodeGrpc.ComputeNodeImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(ComputeNodeService.class);

    private final NodeIdentity identity;
    private final NodeCatalog catalog;
    private final AggregateJobRunner aggregates;
    private final SecureTrainingService training;

    public ComputeNodeService(NodeIdentity identity, NodeCatalog catalog, AggregateJobRunner aggregates,
            SecureTrainingService training) {
        this.identity = identity;
        this.catalog = catalog;
        this.aggregates = aggregates;
        this.training = training;
    }

    @Override
    public void identify(IdentifyRequest request, StreamObserver<NodeIdentity> out) {
        answer(out, "Identify", 0, () -> identity);
    }

    @Override
    public void describeAssets(DescribeAssetsRequest request, StreamObserver<DescribeAssetsResponse> out) {
        answer(out, "DescribeAssets", 0, catalog::describe);
    }

    @Override
    public void runAggregate(AggregateRequest request, StreamObserver<AggregateResponse> out) {
        Context ctx = Context.current();
        answer(out, "RunAggregate", request.getJobId(), () -> aggregates.run(request, () -> {
            if (ctx.isCancelled()) {
                throw new Cancelled(ctx.getDeadline() != null && ctx.getDeadline().isExpired());
            }
        }));
    }

    @Override
    public void advertiseAggregateKey(AggregateKeyRequest request, StreamObserver<AggregateMaskKey> out) {
        answer(out, "AdvertiseAggregateKey", request.getJobId(), () -> aggregates.advertiseKey(request));
    }

    @Override
    public void trainAdvertise(TrainAdvertiseRequest request, StreamObserver<TrainAdvertiseResponse> out) {
        answer(out, "TrainAdvertise", request.getSession().getJobId(), () -> training.advertise(request));
    }

    @Override
    public void trainShareKeys(TrainShareKeysRequest request, StreamObserver<TrainShareKeysResponse> out) {
        answer(out, "TrainShareKeys", request.getSession().getJobId(), () -> training.shareKeys(request));
    }

    @Override
    public void trainMaskedInput(TrainMaskedInputRequest request, StreamObserver<TrainMaskedInputResponse> out) {
        answer(out, "TrainMaskedInput", request.getSession().getJobId(), () -> training.maskedInput(request));
    }

    @Override
    public void trainUnmask(TrainUnmaskRequest request, StreamObserver<TrainUnmaskResponse> out) {
        answer(out, "TrainUnmask", request.getSession().getJobId(), () -> training.unmask(request));
    }

    @Override
    public void attestTraining(AttestTrainingRequest request, StreamObserver<TrainingAttestation> out) {
        answer(out, "AttestTraining", request.getJobId(), () -> training.attest(request));
    }

    /**
     * Runs a call: a refusal goes back with its reason, any other failure with a generic reason and
     * a reference only ({@link NodeFailures}), since the caller relays the status to the requester.
     */
    private static <T> void answer(StreamObserver<T> out, String call, long jobId, Supplier<T> work) {
        try {
            out.onNext(work.get());
            out.onCompleted();
        } catch (Refusal r) {
            LOG.info("refused: call={} job={} status={} reason={}", call, jobId, r.kind(), r.getMessage());
            out.onError(status(r).withDescription(r.getMessage()).asRuntimeException());
        } catch (Cancelled c) {
            out.onError((c.deadlineExceeded() ? Status.DEADLINE_EXCEEDED : Status.CANCELLED)
                    .withDescription("stopped: the caller's deadline passed or the call was cancelled")
                    .asRuntimeException());
        } catch (RuntimeException e) {
            out.onError(NodeFailures.internal(call, jobId, e).asRuntimeException());
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
