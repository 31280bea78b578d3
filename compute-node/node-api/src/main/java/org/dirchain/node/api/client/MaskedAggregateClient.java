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
 * job over several, the masked protocol — every participant advertises a masking key, then each
 * computes its partial masked with all the keys. Masks cancel only in the sum of every participant
 * of an attempt, so when one drops after the others masked, their answers are useless and the
 * attempt is retaken without it under the next attempt number (fresh keys), while at least
 * {@code minParticipants} are left. Every call runs in parallel under its own deadline.
 */
public final class MaskedAggregateClient {

    /** One asset of the job: its index in the job, its id, and a stub of the node serving it. */
    public record Participant(int assetIndex, long assetId, ComputeNodeFutureStub stub) {}

    /**
     * What came of the job: the answers that sum to the result (all of one attempt), and for every
     * other participant why it is not among them.
     */
    public record Outcome(Map<Integer, AggregateResponse> answered, Map<Integer, Status> failed, int attempts) {}

    private final Duration deadline;
    private final int maxAttempts;
    private final Consumer<String> progress;

    /**
     * @param deadline of every single call
     * @param maxAttempts masked attempts before giving up (each retry drops the participants that failed)
     * @param progress told what is happening ("masking keys from 2 of 3 nodes", "3 of 3 nodes answered")
     */
    public MaskedAggregateClient(Duration deadline, int maxAttempts, Consumer<String> progress) {
        this.deadline = Objects.requireNonNull(deadline);
        this.maxAttempts = maxAttempts;
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
            return new Outcome(answers, failed, 1);
        }
        List<Participant> set = List.copyOf(participants);
        int minimum = Math.max(2, minParticipants);
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            if (set.size() < minimum) {
                break;
            }
            int a = attempt;
            Map<Integer, AggregateMaskKey> keys = callAll(set, p -> p.stub().advertiseAggregateKey(AggregateKeyRequest
                    .newBuilder().setJobId(jobId).setAssetId(p.assetId()).setSpec(spec).setAttempt(a).build()),
                    failed, "nodes gave masking keys" + (a == 0 ? "" : " (attempt " + (a + 1) + ")"));
            set = set.stream().filter(p -> keys.containsKey(p.assetIndex())).toList();
            if (set.size() < minimum) {
                break;
            }
            List<AggregateMaskKey> listed = set.stream().map(p -> keys.get(p.assetIndex())).toList();
            Map<Integer, AggregateResponse> answers = callAll(set, p -> p.stub().runAggregate(request(jobId, p, spec)
                    .setAttempt(a).addAllParticipants(listed).build()), failed,
                    "nodes answered" + (a == 0 ? "" : " (attempt " + (a + 1) + ")"));
            if (answers.size() == set.size()) {
                answers.keySet().forEach(failed::remove); // a failure of an earlier attempt is moot
                return new Outcome(answers, failed, a + 1);
            }
            set = set.stream().filter(p -> answers.containsKey(p.assetIndex())).toList();
            for (Participant p : set) {
                failed.put(p.assetIndex(), Status.ABORTED.withDescription("masked partial unusable: a participant "
                        + "dropped after it was masked"));
            }
        }
        for (Participant p : set) {
            failed.putIfAbsent(p.assetIndex(), Status.ABORTED.withDescription("not asked for its partial: "
                    + set.size() + " participant(s) left, a masked sum needs " + minimum));
        }
        return new Outcome(Map.of(), failed, maxAttempts);
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
