package org.dirchain.node.api.client;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dirchain.node.api.v1.AggregateKeyRequest;
import org.dirchain.node.api.v1.AggregateMaskKey;
import org.dirchain.node.api.v1.AggregateRequest;
import org.dirchain.node.api.v1.AggregateResponse;
import org.dirchain.node.api.v1.ComputeNodeGrpc.ComputeNodeFutureStub;

/**
 * The caller's side of an aggregate job: one {@code RunAggregate} for a job over one asset; for a
 * job over several, the masked protocol — every participant gives its masking key, then each
 * computes its partial masked with all the keys. Masks cancel only in the sum of all participants,
 * and a node answers a job once (a second sum over another set would reveal a partial by
 * difference), so a participant that fails after giving its key leaves the others' answers unusable:
 * the job then has no sum. Asked again with the same keys (a restarted caller), nodes resend the
 * answers they gave. Every call runs in parallel under its own deadline.
 */
public final class MaskedAggregateClient {

    /** One asset of the job: its index in the job, its id, and a stub of the node serving it. */
    public record Participant(int assetIndex, long assetId, ComputeNodeFutureStub stub) {}

    /**
     * What came of the job: the answers that sum to the result, and for every other participant why
     * it is not among them.
     */
    public record Outcome(Map<Integer, AggregateResponse> answered, Map<Integer, Status> failed) {}

    private final Duration deadline;
    private final Consumer<String> progress;

    /**
     * @param deadline of every single call
     * @param progress told what is happening ("2 of 3 nodes gave masking keys", "3 of 3 nodes answered")
     */
    public MaskedAggregateClient(Duration deadline, Consumer<String> progress) {
        this.deadline = Objects.requireNonNull(deadline);
        this.progress = Objects.requireNonNull(progress);
    }

    /**
     * @param jobAssets how many assets the job has on chain (one: unmasked; more: masked)
     * @param minParticipants the fewest participants whose answers are worth summing (the job's quorum, at least 2)
     */
    public Outcome run(long jobId, ByteString spec, int jobAssets, List<Participant> participants, int minParticipants)
            throws InterruptedException {
        Map<Integer, Status> failed = new LinkedHashMap<>();
        if (jobAssets == 1) {
            Map<Integer, AggregateResponse> answers = callAll(participants, p -> p.stub().runAggregate(request(jobId, p, spec)
                    .build()), failed, "nodes answered");
            return new Outcome(answers, failed);
        }
        int minimum = Math.max(2, minParticipants);
        Map<Integer, AggregateMaskKey> keys = participants.size() < minimum ? Map.of()
                : callAll(participants, p -> p.stub().advertiseAggregateKey(AggregateKeyRequest.newBuilder()
                        .setJobId(jobId).setAssetId(p.assetId()).setSpec(spec).build()), failed, "nodes gave masking keys");
        List<Participant> set = participants.stream().filter(p -> keys.containsKey(p.assetIndex())).toList();
        if (set.size() < minimum) {
            for (Participant p : participants) {
                failed.putIfAbsent(p.assetIndex(), Status.ABORTED.withDescription("not asked for its partial: "
                        + set.size() + " participant(s) gave keys, a masked sum needs " + minimum));
            }
            return new Outcome(Map.of(), failed);
        }
        List<AggregateMaskKey> listed = set.stream().map(p -> keys.get(p.assetIndex())).toList();
        Map<Integer, AggregateResponse> answers = callAll(set, p -> p.stub().runAggregate(request(jobId, p, spec)
                .addAllParticipants(listed).build()), failed, "nodes answered");
        if (answers.size() == set.size()) {
            return new Outcome(answers, failed);
        }
        for (Participant p : set) {
            failed.putIfAbsent(p.assetIndex(), Status.ABORTED.withDescription("masked partial unusable: another "
                    + "participant failed after the keys were shared, and its masks cannot cancel without it"));
        }
        return new Outcome(Map.of(), failed);
    }

    private static AggregateRequest.Builder request(long jobId, Participant p, ByteString spec) {
        return AggregateRequest.newBuilder().setJobId(jobId).setAssetId(p.assetId()).setSpec(spec);
    }

    /**
     * Calls every participant in parallel; answers by asset index, failures recorded with their
     * status. Results are taken in the order they complete, on the calling thread, which is also
     * the only one that reports progress.
     */
    private <T> Map<Integer, T> callAll(List<Participant> set, Function<Participant, ListenableFuture<T>> call,
            Map<Integer, Status> failed, String what) throws InterruptedException {
        BlockingQueue<Integer> completed = new LinkedBlockingQueue<>();
        Map<Integer, ListenableFuture<T>> pending = new LinkedHashMap<>();
        for (Participant p : set) {
            ListenableFuture<T> f = call.apply(new Participant(p.assetIndex(), p.assetId(),
                    p.stub().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
            pending.put(p.assetIndex(), f);
            f.addListener(() -> completed.add(p.assetIndex()), Runnable::run);
        }
        Map<Integer, T> out = new LinkedHashMap<>();
        try {
            for (int k = 0; k < set.size(); k++) {
                int index = completed.take();
                try {
                    out.put(index, pending.get(index).get());
                    progress.accept(out.size() + " of " + set.size() + " " + what);
                } catch (ExecutionException ex) {
                    failed.put(index, Status.fromThrowable(ex.getCause()));
                }
            }
        } catch (InterruptedException ex) {
            pending.values().forEach(f -> f.cancel(true));
            throw ex;
        }
        return out;
    }
}
