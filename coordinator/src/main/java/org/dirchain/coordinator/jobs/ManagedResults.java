package org.dirchain.coordinator.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.dirchain.coordinator.secrets.ManagedHeKeys;
import org.dirchain.he.EncryptedAggregator;
import org.dirchain.he.HeCiphertext;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.LanePacking;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.job.AggregateSpecs;
import org.dirchain.node.privacy.PartialNoise;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.AggregateResult;
import org.dirchain.node.query.GroupResult;
import org.dirchain.node.query.MeasureResult;
import org.dirchain.node.query.PartialAggregate;
import org.dirchain.node.query.VectorLayout;
import org.springframework.stereotype.Component;

/**
 * Decrypts the result of a job submitted with a managed key and reads it as statistics: the summed
 * ciphertexts (the nodes' partials, masked, summed, so the masks have cancelled) are decrypted with
 * the requester organisation's managed key, the lanes unpacked, a noisy sum made consistent, and
 * the vector read with the query's layout.
 */
@Component
class ManagedResults {
    private final ManagedHeKeys keys;
    private final ObjectMapper json;

    ManagedResults(ManagedHeKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** The encoded managed public key of an organisation, created on first use. */
    byte[] publicKey(long orgId) {
        return keys.scheme().serializePublicKey(keys.publicKey(orgId));
    }

    /**
     * The statistics of a job's stored result, or empty when the job's key is not its requester's
     * managed key (a client-side key: only the requester can decrypt).
     */
    Optional<AggregateStatistics> statistics(JobRecord job, byte[] resultPayload, long epsilonMilli) {
        AggregateSpec spec = spec(job);
        Optional<HeKeyPair> pair = keys.keyPair(job.requesterOrg());
        HomomorphicScheme scheme = keys.scheme();
        if (pair.isEmpty() || !Arrays.equals(spec.getHePublicKey().toByteArray(),
                scheme.serializePublicKey(pair.get().publicKey()))) {
            return Optional.empty();
        }
        JsonNode payload;
        try {
            payload = json.readTree(resultPayload);
        } catch (IOException e) {
            throw new IllegalStateException("stored result of job " + job.id() + " does not parse", e);
        }
        HeKeyPair key = pair.get();
        List<HeCiphertext> vector = new ArrayList<>();
        payload.path("ciphertexts").forEach(c -> vector.add(scheme.deserializeCiphertext(key.publicKey(),
                Base64.getDecoder().decode(c.asText()))));
        AggregateQuery query = AggregateSpecs.toQuery(spec);
        int laneBits = payload.path("laneBits").asInt();
        BigInteger[] values = EncryptedAggregator.decrypt(scheme, key.secretKey(), key.publicKey(), vector,
                laneBits == 0 ? null : new LanePacking(laneBits, key.publicKey().plaintextModulus()),
                new VectorLayout(query).length(), payload.path("contributions").asInt());
        if (epsilonMilli > 0) {
            values = PartialNoise.consistent(values, query);
        }
        AggregateResult result = PartialAggregate.fromVector(query, values).finish();
        return Optional.of(AggregateStatistics.of(job.id(), epsilonMilli, payload.path("contributions").asInt(), result));
    }

    private static AggregateSpec spec(JobRecord job) {
        try {
            return AggregateSpec.parseFrom(job.spec());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored spec of job " + job.id() + " does not parse", e);
        }
    }

    /**
     * A managed-key job's decrypted result (GET /api/v1/jobs/{id}/statistics): per group its rows
     * and each measure's value or histogram. Noisy when the job carried an epsilon.
     */
    record AggregateStatistics(long jobId, BigDecimal epsilon, int contributions, List<Group> groups) {

        record Group(String group, long rows, List<Statistic> measures) {}

        record Statistic(String kind, String column, long values, BigDecimal value, Histogram histogram) {}

        record Histogram(List<BigDecimal> edges, long underflow, List<Long> buckets, long overflow) {}

        static AggregateStatistics of(long jobId, long epsilonMilli, int contributions, AggregateResult result) {
            List<Group> groups = new ArrayList<>();
            for (GroupResult g : result.groups()) {
                List<Statistic> measures = new ArrayList<>();
                for (MeasureResult m : g.measures()) {
                    var h = m.histogram();
                    measures.add(new Statistic(m.measure().kind().name(), m.measure().column(), m.values(), m.value(),
                            h == null ? null : new Histogram(h.edges(), h.underflow(), h.buckets(), h.overflow())));
                }
                groups.add(new Group(g.key(), g.rows(), measures));
            }
            return new AggregateStatistics(jobId, BigDecimal.valueOf(epsilonMilli, 3), contributions, groups);
        }
    }
}
