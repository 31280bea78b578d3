package org.dirchain.coordinator.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.model.Hash32;
import org.dirchain.he.EncryptedAggregator;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.HomomorphicSchemes;
import org.dirchain.node.api.v1.AggregateResponse;
import org.dirchain.node.api.v1.AggregateSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The end of a job's orchestration, in one database transaction: with at least {@code quorum}
 * contributions, their ciphertexts are summed (never decrypted here; a managed-key job's sum is
 * decrypted on the requester's request, by {@link ManagedResults}), the result is stored for the
 * requester, and the chain writes that follow are recorded in the
 * outbox (one ATTEST per contribution, then SETTLE with the attested weights); below quorum the job
 * fails and a FAIL (refund) is recorded instead.
 */
@Component
class JobAggregation {
    private static final Logger LOG = LoggerFactory.getLogger(JobAggregation.class);

    private final JobRepository jobs;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    JobAggregation(JobRepository jobs, TransactionTemplate transaction, ObjectMapper json) {
        this.jobs = jobs;
        this.transaction = transaction;
        this.json = json;
    }

    void finish(long jobId, int quorum) {
        finish(jobId, quorum, job -> aggregate(job, jobs.contributions(jobId).stream()
                .filter(c -> c.status() == ContributionStatus.OK).toList()));
    }

    /** As {@link #finish(long, int)}, with the result built by {@code result} (a training job's model). */
    void finish(long jobId, int quorum, java.util.function.Function<JobRecord, byte[]> result) {
        transaction.executeWithoutResult(tx -> {
            JobRecord job = jobs.job(jobId).orElseThrow();
            List<ContributionRecord> all = jobs.contributions(jobId);
            List<ContributionRecord> ok = all.stream().filter(c -> c.status() == ContributionStatus.OK).toList();
            if (ok.size() < quorum) {
                fail(jobId, List.of(JobState.RUNNING), "quorum not met: " + ok.size() + " of " + all.size()
                        + " nodes contributed, " + quorum + " needed");
                return;
            }
            String summary = ok.size() + " of " + all.size() + " nodes answered";
            byte[] payload;
            try {
                payload = result.apply(job);
            } catch (RuntimeException e) {
                LOG.warn("contributions could not be summed job={}: {}", jobId, e.toString());
                fail(jobId, List.of(JobState.RUNNING), "contributions could not be aggregated: " + e.getMessage());
                return;
            }
            if (!jobs.updateJobIf(jobId, List.of(JobState.RUNNING), JobState.AGGREGATED,
                    summary + "; result stored, settling on chain", null)) {
                return; // cancelled meanwhile
            }
            Hash32 resultHash = Hash32.keccak(payload);
            jobs.insertResult(jobId, job.requesterOrg(), payload, resultHash.hex());
            List<Long> contributions = new ArrayList<>();
            for (ContributionRecord c : all) {
                boolean attested = c.status() == ContributionStatus.OK;
                contributions.add(attested ? c.weight() : 0L);
                if (attested) {
                    Map<String, Object> attest = new LinkedHashMap<>();
                    attest.put("assetIndex", c.assetIndex());
                    attest.put("assetId", c.assetId());
                    attest.put("commitment", c.commitment());
                    attest.put("weight", c.weight());
                    attest.put("signature", c.signature());
                    jobs.insertOutbox(jobId, OutboxStep.ATTEST, String.valueOf(c.assetIndex()), write(attest));
                }
            }
            jobs.insertOutbox(jobId, OutboxStep.SETTLE, "", write(Map.of("resultHash", resultHash.hex(),
                    "contributions", contributions)));
            LOG.info("job aggregated job={} contributions={} resultHash={}", jobId, ok.size(), resultHash.hex());
        });
    }

    /** Fails a job that never got to its nodes (or broke on the way): FAILED, and a refund recorded. */
    void failWithoutContributions(long jobId, String reason) {
        transaction.executeWithoutResult(tx -> fail(jobId, List.of(JobState.SUBMITTED, JobState.RUNNING), reason));
    }

    /** Within a transaction: FAILED with the reason, and the refund recorded; nothing if no longer {@code from}. */
    void fail(long jobId, List<JobState> from, String reason) {
        if (jobs.updateJobIf(jobId, from, JobState.FAILED, "failing on chain (refund)", reason)) {
            jobs.insertOutbox(jobId, OutboxStep.FAIL, "", write(Map.of("reason", reason)));
            LOG.info("job failed job={} reason={}", jobId, reason);
        }
    }

    /**
     * Within a transaction: FAILED with the reason, the job's unsent chain writes abandoned (past the
     * deadline the ledger refuses attestations and settlement) and an expiry recorded, which refunds
     * the fee; nothing if no longer {@code from}.
     */
    void expire(long jobId, List<JobState> from, String reason) {
        if (jobs.updateJobIf(jobId, from, JobState.FAILED, "expiring on chain (refund)", reason)) {
            jobs.abandonPendingOutbox(jobId, "not sent: the job passed its deadline and is expired instead");
            jobs.insertOutbox(jobId, OutboxStep.FAIL, "", write(Map.of("reason", reason, "expire", true)));
            LOG.info("job expiring job={} reason={}", jobId, reason);
        }
    }

    private byte[] aggregate(JobRecord job, List<ContributionRecord> ok) {
        AggregateSpec spec = parse(job.spec(), AggregateSpec::parseFrom);
        HomomorphicScheme scheme = HomomorphicSchemes.byName(spec.getHeScheme());
        EncryptedAggregator aggregator = new EncryptedAggregator(scheme,
                scheme.deserializePublicKey(spec.getHePublicKey().toByteArray()));
        List<List<byte[]>> vectors = ok.stream()
                .map(c -> parse(c.payload(), AggregateResponse::parseFrom).getCiphertextsList().stream()
                        .map(ByteString::toByteArray).toList())
                .toList();
        List<String> sum = aggregator.serialize(aggregator.sum(vectors)).stream()
                .map(b -> Base64.getEncoder().encodeToString(b)).toList();
        ResultPayload result = new ResultPayload(job.id(), spec.getHeScheme(), spec.getLaneBits(),
                spec.getFixedPointScale(), ok.size(), ok.stream().map(ContributionRecord::assetIndex).toList(), sum);
        try {
            return json.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Parser<T> {
        T parse(byte[] bytes) throws InvalidProtocolBufferException;
    }

    private static <T> T parse(byte[] bytes, Parser<T> parser) {
        try {
            return parser.parse(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored protobuf does not parse", e);
        }
    }
}
