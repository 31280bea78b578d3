package org.dirchain.coordinator.jobs;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.dirchain.federated.ClientFailure;
import org.dirchain.federated.Federation;
import org.dirchain.federated.FixedPointVector;
import org.dirchain.federated.StageRequest;
import org.dirchain.federated.StageResult;
import org.dirchain.federated.TrainingPlan;
import org.dirchain.node.api.v1.ComputeNodeGrpc.ComputeNodeFutureStub;
import org.dirchain.node.api.v1.EncryptedShare;
import org.dirchain.node.api.v1.KeyAdvertisement;
import org.dirchain.node.api.v1.SecureSumSession;
import org.dirchain.node.api.v1.StageInput;
import org.dirchain.node.api.v1.TrainAdvertiseRequest;
import org.dirchain.node.api.v1.TrainMaskedInputRequest;
import org.dirchain.node.api.v1.TrainMaskedInputResponse;
import org.dirchain.node.api.v1.TrainShareKeysRequest;
import org.dirchain.node.api.v1.TrainUnmaskRequest;
import org.dirchain.node.api.v1.TrainUnmaskResponse;
import org.dirchain.secagg.SecAggServer;
import org.dirchain.secagg.SecureAggregationException;
import org.dirchain.secagg.SessionId;
import org.dirchain.secagg.UnmaskResponse;

/**
 * A training job's nodes as a {@link Federation}: every stage is one secure sum (advertise → share
 * keys → masked input → unmask, each call to all nodes in parallel with a deadline). The coordinator
 * routes the encrypted shares and removes the masks of the sum; it never holds one node's vector. A
 * node that fails or refuses a call is a failure of the stage, not of the job.
 */
final class GrpcSecureFederation implements Federation {

    /** One node of the job: its organisation (the secure-sum index), its asset and its stub. */
    record Node(String id, int org, long assetId, ComputeNodeFutureStub stub) {}

    private final long jobId;
    private final int attempt;
    private final ByteString spec;
    private final TrainingPlan plan;
    private final Map<String, Node> nodes;
    private final Duration deadline;

    /** @param attempt the attempt number of every secure sum: one per start of the job, never reused */
    GrpcSecureFederation(long jobId, int attempt, byte[] spec, TrainingPlan plan, List<Node> nodes, Duration deadline) {
        this.jobId = jobId;
        this.attempt = attempt;
        this.spec = ByteString.copyFrom(spec);
        this.plan = plan;
        this.nodes = new LinkedHashMap<>();
        nodes.forEach(n -> this.nodes.put(n.id(), n));
        this.deadline = deadline;
    }

    @Override
    public StageResult run(StageRequest request, List<String> participants) {
        SecureSumSession session = SecureSumSession.newBuilder().setJobId(jobId)
                .setStage(SecureSumSession.Stage.valueOf(request.stage().name())).setRound(request.round())
                .setAttempt(attempt).build();
        List<ClientFailure> failures = new ArrayList<>();
        TrainAdvertiseRequest advertise = TrainAdvertiseRequest.newBuilder().setSession(session).setSpec(spec)
                .setInput(input(request)).build();
        Map<String, KeyAdvertisement> ads = new LinkedHashMap<>();
        callAll(participants, n -> n.stub().trainAdvertise(advertise.toBuilder().setAssetId(n.assetId()).build()),
                request, failures).forEach((id, r) -> ads.put(id, r.getKeys()));
        int threshold = Math.max(Math.max(2, ads.size() / 2 + 1), plan.minClients());
        if (ads.size() < threshold) {
            failures.add(new ClientFailure("secure-sum", request.round(), "needs " + threshold + " participants, "
                    + ads.size() + " advertised keys; no sum this stage", false));
            return empty(request, failures);
        }
        SecAggServer server = new SecAggServer(new SessionId(jobId, request.stage().name(), request.round(), attempt), threshold);
        ads.values().forEach(a -> server.addAdvertisement(new org.dirchain.secagg.KeyAdvertisement(a.getOrgId(),
                a.getEncryptionPublicKey().toByteArray(), a.getMaskPublicKey().toByteArray())));
        TrainShareKeysRequest share = TrainShareKeysRequest.newBuilder().setSession(session)
                .addAllParticipants(ads.values()).setThreshold(threshold).build();
        callAll(List.copyOf(ads.keySet()), n -> n.stub().trainShareKeys(share), request, failures).forEach((id, r) -> {
            Map<Integer, byte[]> ciphertexts = new HashMap<>();
            r.getSharesList().forEach(s -> ciphertexts.put(s.getToOrg(), s.getCiphertext().toByteArray()));
            accept(id, request, failures, () -> server.addShares(nodes.get(id).org(), ciphertexts));
        });
        List<String> sharing = ids(server.sharing());
        Map<String, TrainMaskedInputResponse> masked = callAll(sharing, n -> {
            TrainMaskedInputRequest.Builder b = TrainMaskedInputRequest.newBuilder().setSession(session)
                    .addAllSharingOrgs(server.sharing());
            server.sharesFor(n.org()).forEach((from, ct) -> b.addShares(EncryptedShare.newBuilder().setFromOrg(from)
                    .setToOrg(n.org()).setCiphertext(ByteString.copyFrom(ct))));
            return n.stub().trainMaskedInput(b.build());
        }, request, failures);
        Map<String, Long> rows = new LinkedHashMap<>();
        masked.forEach((id, r) -> accept(id, request, failures, () -> {
            server.addMaskedInput(nodes.get(id).org(), r.getMaskedList().stream().mapToLong(Long::longValue).toArray());
            rows.put(id, r.getRows());
        }));
        TrainUnmaskRequest unmask = TrainUnmaskRequest.newBuilder().setSession(session)
                .addAllSurvivingOrgs(server.survivors()).build();
        Map<String, TrainUnmaskResponse> revealed = callAll(ids(server.survivors()), n -> n.stub().trainUnmask(unmask),
                request, failures);
        revealed.forEach((id, r) -> accept(id, request, failures, () -> server.addUnmaskResponse(nodes.get(id).org(),
                new UnmaskResponse(shares(r.getSelfMaskSharesList()), shares(r.getMaskKeySharesList())))));
        try {
            double[] sum = FixedPointVector.decode(server.sum());
            List<String> summed = ids(server.survivors());
            rows.keySet().retainAll(summed);
            return new StageResult(request.stage(), request.round(), sum, summed,
                    request.stage() == org.dirchain.federated.Stage.FIT ? rows : Map.of(), failures);
        } catch (SecureAggregationException e) {
            failures.add(new ClientFailure("coordinator", request.round(), e.getMessage(), false));
            return empty(request, failures);
        }
    }

    /** A node's answer that breaks the protocol (wrong share set, wrong length) drops that node, not the stage. */
    private static void accept(String id, StageRequest request, List<ClientFailure> failures, Runnable step) {
        try {
            step.run();
        } catch (SecureAggregationException e) {
            failures.add(new ClientFailure(id, request.round(), "protocol violation: " + e.getMessage(), false));
        }
    }

    private static Map<Integer, byte[]> shares(List<org.dirchain.node.api.v1.RevealedShare> list) {
        Map<Integer, byte[]> out = new HashMap<>();
        list.forEach(s -> out.put(s.getOwnerOrg(), s.getShare().toByteArray()));
        return out;
    }

    private List<String> ids(java.util.Set<Integer> orgs) {
        return nodes.values().stream().filter(n -> orgs.contains(n.org())).map(Node::id).toList();
    }

    /** Calls every node in parallel; answers in node order, failures recorded with their gRPC status. */
    private <T> Map<String, T> callAll(List<String> ids, Function<Node, ListenableFuture<T>> call, StageRequest request,
            List<ClientFailure> failures) {
        Map<String, ListenableFuture<T>> pending = new LinkedHashMap<>();
        for (String id : ids) {
            Node n = nodes.get(id);
            pending.put(id, call.apply(new Node(n.id(), n.org(), n.assetId(),
                    n.stub().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS))));
        }
        Map<String, T> out = new LinkedHashMap<>();
        pending.forEach((id, future) -> {
            try {
                out.put(id, future.get());
            } catch (ExecutionException e) {
                Status s = ContributionStatus.statusOf(e.getCause());
                boolean refused = switch (s.getCode()) {
                    case INVALID_ARGUMENT, PERMISSION_DENIED, FAILED_PRECONDITION, NOT_FOUND -> true;
                    default -> false;
                };
                failures.add(new ClientFailure(id, request.round(),
                        ContributionStatus.reason(s), refused));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the nodes", e);
            }
        });
        return out;
    }

    private StageResult empty(StageRequest request, List<ClientFailure> failures) {
        return new StageResult(request.stage(), request.round(),
                new double[request.stage().vectorLength(plan.kind(), plan.dimension())], List.of(), Map.of(), failures);
    }

    private static StageInput input(StageRequest request) {
        StageInput.Builder b = StageInput.newBuilder();
        if (request.model() != null) {
            for (double c : request.model().coefficients()) {
                b.addCoefficients(c);
            }
            b.setIntercept(request.model().intercept());
            for (double m : request.standardiser().mean()) {
                b.addMean(m);
            }
            for (double s : request.standardiser().std()) {
                b.addStd(s);
            }
        }
        if (request.config() != null) {
            b.setLocalEpochs(request.config().localEpochs()).setLearningRate(request.config().learningRate())
                    .setBatchSize(request.config().batchSize()).setL2(request.config().l2());
        }
        return b.build();
    }
}
