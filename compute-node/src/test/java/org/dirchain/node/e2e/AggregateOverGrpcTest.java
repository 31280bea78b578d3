package org.dirchain.node.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.dirchain.he.EncryptedAggregator;
import org.dirchain.he.LanePacking;
import org.dirchain.node.api.client.MaskedAggregateClient;
import org.dirchain.node.api.v1.AggregateRequest;
import org.dirchain.node.api.v1.AggregateResponse;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.api.v1.Clamp;
import org.dirchain.node.api.v1.ComputeNodeGrpc;
import org.dirchain.node.api.v1.DescribeAssetsRequest;
import org.dirchain.node.api.v1.Filter;
import org.dirchain.node.api.v1.IdentifyRequest;
import org.dirchain.node.api.v1.Measure;
import org.dirchain.node.api.v1.Query;
import org.dirchain.node.e2e.NodeCluster.Patient;
import org.dirchain.he.HeKeyPair;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.HomomorphicSchemes;
import org.dirchain.node.job.AggregateSpecs;
import org.dirchain.node.privacy.PartialNoise;
import org.dirchain.node.query.AggregateResult;
import org.dirchain.node.query.GroupResult;
import org.dirchain.node.query.PartialAggregate;
import org.dirchain.node.query.VectorLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Three real nodes over gRPC on loopback and a real anvil: answers equal the plaintext truth. */
class AggregateOverGrpcTest {
    static NodeCluster c;
    static HomomorphicScheme paillier;
    static HeKeyPair requesterKey;

    @BeforeAll
    static void start() throws Exception {
        c = new NodeCluster();
        paillier = HomomorphicSchemes.byName("paillier");
        requesterKey = paillier.generateKeyPair();
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    /** "Patients aged 40–60 with HbA1c > 7, by region": count, mean and variance of HbA1c, and a histogram. */
    static AggregateSpec spec(long epsilonMilli) {
        return spec(epsilonMilli, 128);
    }

    static AggregateSpec spec(long epsilonMilli, int laneBits) {
        Query q = Query.newBuilder()
                .addFilters(Filter.newBuilder().setColumn("age").setOp(Filter.Op.BETWEEN).addValues("40").addValues("60"))
                .addFilters(Filter.newBuilder().setColumn("hba1c").setOp(Filter.Op.GT).addValues("7"))
                .setGroupBy("region").addAllGroups(List.of(NodeCluster.REGIONS))
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.COUNT))
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.MEAN).setColumn("hba1c"))
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.VARIANCE).setColumn("hba1c"))
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.HISTOGRAM).setColumn("hba1c")
                        .addBucketEdges(7).addBucketEdges(8).addBucketEdges(9).addBucketEdges(10))
                .build();
        AggregateSpec.Builder s = AggregateSpec.newBuilder().setQuery(q).setHeScheme("paillier").setLaneBits(laneBits)
                .setHePublicKey(ByteString.copyFrom(paillier.serializePublicKey(requesterKey.publicKey())));
        if (epsilonMilli > 0) {
            s.addClamps(Clamp.newBuilder().setColumn("hba1c").setLower(0).setUpper(20));
        }
        return s.build();
    }

    /** Grants on all three assets, approved; a job recorded on chain for the spec. */
    static long submit(AggregateSpec spec, long epsilonMilli, List<Long> grants) {
        return c.f.as(DirectoryFixture.REQUESTER).jobs().submit(new JobSubmission(AggregateSpecs.operations(spec),
                Hash32.keccak(spec.toByteArray()), grants, epsilonMilli, 3, Duration.ofHours(1),
                BigInteger.valueOf(3_000_000)));
    }

    static List<Long> approvedGrants(long epsilonBudgetMilli) {
        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long g = c.f.as(DirectoryFixture.REQUESTER).grants().request(new org.dirchain.chain.model.GrantRequest(
                    c.assetIds.get(i), Set.of(Operation.COUNT, Operation.MEAN, Operation.VARIANCE, Operation.HISTOGRAM),
                    Hash32.keccak("study"), Duration.ofDays(10), 10, epsilonBudgetMilli));
            c.f.as(c.providerAccounts.get(i)).grants().approve(g);
            grants.add(g);
        }
        return grants;
    }

    /** The job over all three assets, the way a coordinator runs it: masking keys, then masked partials. */
    static MaskedAggregateClient.Outcome runJob(long job, AggregateSpec spec) {
        return runJob(job, spec, 3);
    }

    static MaskedAggregateClient.Outcome runJob(long job, AggregateSpec spec, int quorum) {
        List<MaskedAggregateClient.Participant> participants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            participants.add(new MaskedAggregateClient.Participant(i, c.assetIds.get(i),
                    ComputeNodeGrpc.newFutureStub(c.channels.get(i))));
        }
        try {
            return new MaskedAggregateClient(Duration.ofSeconds(60), progress -> { })
                    .run(job, spec.toByteString(), 3, participants, quorum);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** All three answers of a job, in asset order. */
    static List<AggregateResponse> runAll(long job, AggregateSpec spec) {
        MaskedAggregateClient.Outcome outcome = runJob(job, spec);
        assertEquals(3, outcome.answered().size(), () -> "every node answers: " + outcome.failed());
        return List.of(outcome.answered().get(0), outcome.answered().get(1), outcome.answered().get(2));
    }

    /** One node's part in the job: its answer, or its refusal as the status it sent. */
    static AggregateResponse run(int node, long job, AggregateSpec spec) {
        MaskedAggregateClient.Outcome outcome = runJob(job, spec);
        if (outcome.failed().containsKey(node)) {
            throw outcome.failed().get(node).asRuntimeException();
        }
        return outcome.answered().get(node);
    }

    static BigInteger[] decryptSum(List<AggregateResponse> responses) {
        EncryptedAggregator aggregator = new EncryptedAggregator(paillier, requesterKey.publicKey());
        return EncryptedAggregator.decrypt(paillier, requesterKey.secretKey(), requesterKey.publicKey(),
                aggregator.sum(responses.stream()
                        .map(r -> r.getCiphertextsList().stream().map(ByteString::toByteArray).toList()).toList()));
    }

    static AggregateResult decrypt(AggregateSpec spec, List<AggregateResponse> responses) {
        EncryptedAggregator aggregator = new EncryptedAggregator(paillier, requesterKey.publicKey());
        var sum = aggregator.sum(responses.stream()
                .map(r -> r.getCiphertextsList().stream().map(ByteString::toByteArray).toList()).toList());
        var query = AggregateSpecs.toQuery(spec);
        LanePacking packing = spec.getLaneBits() == 0 ? null
                : new LanePacking(spec.getLaneBits(), requesterKey.publicKey().plaintextModulus());
        BigInteger[] vector = EncryptedAggregator.decrypt(paillier, requesterKey.secretKey(), requesterKey.publicKey(),
                sum, packing, new VectorLayout(query).length(), responses.size());
        return PartialAggregate.fromVector(query, PartialNoise.consistent(vector, query)).finish();
    }

    @Test
    void encryptedAggregateOverThreeNodesEqualsThePlaintextAnswerAndSettles() {
        AggregateSpec spec = spec(0);
        long job = submit(spec, 0, approvedGrants(0));
        List<AggregateResponse> responses = runAll(job, spec);

        int slots = new VectorLayout(AggregateSpecs.toQuery(spec)).length();
        responses.forEach(r -> assertEquals((slots + 14) / 15, r.getCiphertextsCount(), "15 lanes of 128 bits each"));
        AggregateResult result = decrypt(spec, responses);
        int min = c.minCellSize;
        for (String region : NodeCluster.REGIONS) {
            // each node releases its cell only if it holds at least the minimum cell size of rows
            List<Double> v = new ArrayList<>();
            long[] buckets = new long[5];
            for (List<Patient> node : c.data) {
                List<Double> local = node.stream().filter(p -> p.age() >= 40 && p.age() <= 60 && p.hba1c() > 7)
                        .filter(p -> p.region().equals(region)).map(Patient::hba1c).toList();
                if (local.size() < min) {
                    continue;
                }
                v.addAll(local);
                long[] mine = new long[5];
                local.forEach(x -> mine[x < 7 ? 0 : x < 8 ? 1 : x < 9 ? 2 : x < 10 ? 3 : 4]++);
                for (int b = 0; b < 5; b++) {
                    buckets[b] += mine[b] < min ? 0 : mine[b];
                }
            }
            GroupResult g = result.group(region);
            assertEquals(v.size(), g.rows(), "count in " + region);
            if (!v.isEmpty()) {
                BigDecimal mean = v.stream().map(BigDecimal::valueOf).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(v.size()), MathContext.DECIMAL128);
                assertEquals(0, mean.compareTo(g.value(Measure0.MEAN)), "mean in " + region + ": "
                        + g.value(Measure0.MEAN));
                double m = mean.doubleValue();
                double ss = v.stream().mapToDouble(x -> (x - m) * (x - m)).sum();
                double variance = g.value(Measure0.VARIANCE).doubleValue();
                assertTrue(Math.abs(variance - ss / (v.size() - 1)) < 1e-9 || Math.abs(variance - ss / v.size()) < 1e-9,
                        "variance in " + region + ": " + variance);
            }
            var h = g.histogram(Measure0.HISTOGRAM);
            List<Long> got = new ArrayList<>();
            got.add(h.underflow());
            got.addAll(h.buckets());
            got.add(h.overflow());
            assertEquals(java.util.Arrays.stream(buckets).boxed().toList(), got, "histogram in " + region);
        }

        // every node attests; the ledger verifies the signatures and settles with those weights
        for (AggregateResponse r : responses) {
            c.f.as(DirectoryFixture.OPERATOR).jobs().attest(new Attestation(job, r.getAssetIndex(), r.getAssetId(),
                    Hash32.of(r.getCommitment().toByteArray()), r.getWeight(), r.getSignature().toByteArray()));
        }
        List<Long> weights = responses.stream().map(AggregateResponse::getWeight).toList();
        assertEquals(List.of((long) NodeCluster.ROWS[0], (long) NodeCluster.ROWS[1], (long) NodeCluster.ROWS[2]), weights,
                "the weight is the rows scanned");
        c.f.as(DirectoryFixture.OPERATOR).jobs().settle(job, Hash32.keccak("result"), weights);
        assertEquals(JobStatus.SETTLED, c.f.as(DirectoryFixture.OUTSIDER).jobs().job(job).status());
    }

    @Test
    void oneNodesPartialDecryptsToMaskedNoiseAndOnlyTheSumToTheAnswer() {
        AggregateSpec spec = spec(0, 0);
        long job = submit(spec, 0, approvedGrants(0));
        List<AggregateResponse> first = runAll(job, spec);
        List<AggregateResponse> again = runAll(job, spec);
        assertEquals(first, again, "asked again, every node resends the answer it gave: a job is answered once");
        BigInteger[] sum = decryptSum(first);
        BigInteger n = requesterKey.publicKey().plaintextModulus();
        assertEquals(sum.length, first.get(0).getCiphertextsCount());
        for (int i = 0; i < sum.length; i++) {
            byte[] ct = first.get(0).getCiphertexts(i).toByteArray();
            assertTrue(ct.length > 256, "a 2048-bit Paillier ciphertext, not a small number");
            // Even the holder of the decryption key sees a residue spread over [0, n), the partial plus
            // masks: far outside the range a partial can take (its decoder reports an overflow).
            BigInteger one = paillier.decrypt(requesterKey.secretKey(), paillier.deserializeCiphertext(
                    requesterKey.publicKey(), ct));
            BigInteger centred = one.min(n.subtract(one));
            assertTrue(centred.bitLength() > n.bitLength() - 64, "masked: " + one);
        }
    }

    @Test
    void differentialPrivacyNoiseIsAddedWithTheEpsilonOnChain() {
        AggregateSpec spec = spec(500);
        long job = submit(spec, 500, approvedGrants(2000));
        List<AggregateResponse> responses = runAll(job, spec);
        responses.forEach(r -> assertEquals(500, r.getEpsilonMilli()));
        AggregateResult noisy = decrypt(spec, responses);
        int differing = 0;
        for (String region : NodeCluster.REGIONS) {
            long exact = c.data.stream().flatMap(List::stream).filter(p -> p.age() >= 40 && p.age() <= 60
                    && p.hba1c() > 7 && p.region().equals(region)).count();
            long got = noisy.group(region).rows();
            // 5 statistics per group: each node adds DLap(5 / 0.5 = 10); |sum of three| > 200 is vanishingly rare
            assertTrue(Math.abs(got - exact) < 200, "noisy count " + got + " vs " + exact + " in " + region);
            differing += got != exact ? 1 : 0;
        }
        assertTrue(differing > 0, "noise was added");
    }

    @Test
    void aDifferentiallyPrivateJobAskedAgainGetsTheAnswerItGot() {
        AggregateSpec spec = spec(500, 0);
        long job = submit(spec, 500, approvedGrants(2000));
        List<AggregateResponse> first = runAll(job, spec);
        List<AggregateResponse> again = runAll(job, spec);
        BigInteger[] a = decryptSum(first);
        assertEquals(first, again, "no second draw of noise: two noisy answers would spend more than the epsilon");

        AggregateSpec exact = spec(0, 0);
        BigInteger[] p = decryptSum(runAll(submit(exact, 0, approvedGrants(0)), exact));
        assertFalse(java.util.Arrays.equals(a, p), "the resent answers are the noisy ones, not the exact partials");
    }

    @Test
    void refusesWhenTheSpecIsNotTheOneOnChain() {
        AggregateSpec spec = spec(0);
        long job = submit(spec, 0, approvedGrants(0));
        AggregateSpec tampered = spec.toBuilder().setQuery(spec.getQuery().toBuilder().clearFilters()).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> run(0, job, tampered));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("does not match the hash recorded on chain"));
    }

    @Test
    void refusesARevokedGrant() {
        AggregateSpec spec = spec(0);
        List<Long> grants = approvedGrants(0);
        long job = submit(spec, 0, grants);
        c.f.as(DirectoryFixture.HOSPITAL_B).grants().revoke(grants.get(1), Hash32.keccak("consent withdrawn"));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> run(1, job, spec));
        assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("revoked"));
    }

    @Test
    void refusesAnUnknownJobAndAnAssetItDoesNotServe() {
        AggregateSpec spec = spec(0);
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class, () -> run(0, 99_999, spec));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        StatusRuntimeException notHere = assertThrows(StatusRuntimeException.class, () -> c.node(0).runAggregate(
                AggregateRequest.newBuilder().setJobId(1).setAssetId(c.assetIds.get(1)).setSpec(spec.toByteString())
                        .build()));
        assertEquals(Status.Code.NOT_FOUND, notHere.getStatus().getCode());
        assertTrue(notHere.getStatus().getDescription().contains("not served by this node"));
    }

    @Test
    void refusesACohortBelowTheAssetMinimum() {
        AggregateSpec narrow = spec(0).toBuilder().setQuery(spec(0).getQuery().toBuilder()
                .addFilters(Filter.newBuilder().setColumn("age").setOp(Filter.Op.EQ).addValues("41"))
                .addFilters(Filter.newBuilder().setColumn("sex").setOp(Filter.Op.EQ).addValues("F"))).build();
        long job = submit(narrow, 0, approvedGrants(0));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> run(0, job, narrow));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("below asset"), e.getStatus().getDescription());
        assertTrue(!e.getStatus().getDescription().matches(".*cohort of \\d+.*"), "the cohort size is not revealed");
    }

    @Test
    void refusesAMalformedSpecWithTheReason() {
        AggregateSpec bad = spec(0).toBuilder().setQuery(spec(0).getQuery().toBuilder()
                .addMeasures(Measure.newBuilder().setKind(Measure.Kind.MEAN).setColumn("weight_kg"))).build();
        long job = submit(bad, 0, approvedGrants(0));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> run(2, job, bad));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("weight_kg"), e.getStatus().getDescription());
    }

    @Test
    void refusesWhenLocalDataNoLongerMatchesTheCommitment() throws Exception {
        AggregateSpec spec = spec(0);
        long job = submit(spec, 0, approvedGrants(0));
        var original = Files.readString(c.files.get(2));
        try {
            Files.writeString(c.files.get(2), original.replaceFirst("\n(\\d+),", "\n99,"));
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> run(2, job, spec));
            assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
            assertTrue(e.getStatus().getDescription().contains("no longer matches its commitment"));
        } finally {
            Files.writeString(c.files.get(2), original);
        }
    }

    @Test
    void honoursTheCallersDeadline() {
        AggregateSpec spec = spec(0);
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> c.stubs.get(0)
                .withDeadlineAfter(1, TimeUnit.NANOSECONDS)
                .runAggregate(AggregateRequest.newBuilder().setJobId(1).setAssetId(c.assetIds.get(0))
                        .setSpec(spec.toByteString()).build()));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, e.getStatus().getCode());
    }

    @Test
    void describesAssetsWithoutRowsAndServesHealthAndIdentity() {
        var assets = c.node(2).describeAssets(DescribeAssetsRequest.getDefaultInstance()).getAssetsList();
        assertEquals(1, assets.size());
        assertEquals("1000-9999", assets.get(0).getRowCountBand());
        assertEquals(List.of("age", "sex", "region", "hba1c"), assets.get(0).getColumnsList().stream()
                .map(org.dirchain.node.api.v1.Column::getName).toList());
        assertEquals(c.f.deployment.jobLedger(), c.node(1).identify(IdentifyRequest.getDefaultInstance()).getJobLedger());
        var health = HealthGrpc.newBlockingStub(c.channels.get(0))
                .check(HealthCheckRequest.newBuilder().setService("dirchain.node.v1.ComputeNode").build());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
    }

    /** Measures of the spec, in the node's query model, for reading results. */
    static final class Measure0 {
        static final org.dirchain.node.query.Measure MEAN = org.dirchain.node.query.Measure.mean("hba1c");
        static final org.dirchain.node.query.Measure VARIANCE = org.dirchain.node.query.Measure.variance("hba1c");
        static final org.dirchain.node.query.Measure HISTOGRAM =
                org.dirchain.node.query.Measure.histogram("hba1c", "7", "8", "9", "10");
    }
}
