package org.dirchain.node.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.dirchain.node.api.client.MaskedAggregateClient;
import org.dirchain.node.api.v1.AggregateKeyRequest;
import org.dirchain.node.api.v1.AggregateMaskKey;
import org.dirchain.node.api.v1.AggregateRequest;
import org.dirchain.node.api.v1.AggregateResponse;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.federation.KeyAdvertisementSigner;
import org.dirchain.node.job.AggregateMasking;
import org.dirchain.node.job.AggregateSpecs;
import org.dirchain.secagg.X25519Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a node refuses in a masked aggregate job, each time something that would let a curious
 * coordinator (or a requester colluding with it) read one node's partial: an unmasked answer to a
 * multi-asset job, a masking key not signed by the organisation serving that asset, fewer
 * participants than the quorum, its own key swapped or claimed for another organisation, and a
 * second answer for another set of participants (whose sum, subtracted from the first, would be a
 * partial).
 */
class MaskedAggregateRefusalsTest {
    static NodeCluster c;

    /** Shares {@link AggregateOverGrpcTest}'s helpers (spec, grants, submission), pointed at this class's cluster. */
    @BeforeAll
    static void start() throws Exception {
        c = new NodeCluster();
        AggregateOverGrpcTest.c = c;
        AggregateOverGrpcTest.paillier = org.dirchain.he.HomomorphicSchemes.byName("paillier");
        AggregateOverGrpcTest.requesterKey = AggregateOverGrpcTest.paillier.generateKeyPair();
    }

    @AfterAll
    static void stop() {
        c.close();
        AggregateOverGrpcTest.c = null;
    }

    private static AggregateMaskKey advertise(int node, long job, AggregateSpec spec) {
        return c.node(node).advertiseAggregateKey(AggregateKeyRequest.newBuilder().setJobId(job)
                .setAssetId(c.assetIds.get(node)).setSpec(spec.toByteString()).build());
    }

    private static AggregateResponse run(int node, long job, AggregateSpec spec, List<AggregateMaskKey> keys) {
        return c.node(node).runAggregate(AggregateRequest.newBuilder().setJobId(job).setAssetId(c.assetIds.get(node))
                .setSpec(spec.toByteString()).addAllParticipants(keys).build());
    }

    private static StatusRuntimeException refused(Status.Code code, String reason, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().contains(reason), e.getStatus().getDescription());
        return e;
    }

    private static long threeAssetJob(AggregateSpec spec) {
        return AggregateOverGrpcTest.submit(spec, 0, AggregateOverGrpcTest.approvedGrants(0));
    }

    @Test
    void aMultiAssetJobIsNeverAnsweredUnmasked() {
        AggregateSpec spec = AggregateOverGrpcTest.spec(0);
        long job = threeAssetJob(spec);
        refused(Status.Code.FAILED_PRECONDITION, "masked", () -> run(0, job, spec, List.of()));
    }

    @Test
    void aKeyNotSignedByTheServingOrganisationIsRefused() throws Exception {
        AggregateSpec spec = AggregateOverGrpcTest.spec(0);
        long job = threeAssetJob(spec);
        List<AggregateMaskKey> keys = new ArrayList<>(List.of(advertise(0, job, spec), advertise(1, job, spec),
                advertise(2, job, spec)));
        // The coordinator substitutes a key of its own for node 1's, signed with an account of no node organisation.
        KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
        g.initialize(NamedParameterSpec.X25519);
        byte[] own = X25519Keys.toRaw((XECPublicKey) g.generateKeyPair().getPublic());
        int org1 = keys.get(1).getOrgId();
        byte[] signature = new KeyAdvertisementSigner(c.f.key(DirectoryFixture.OUTSIDER))
                .sign(AggregateMasking.signedSession(job, 1), org1, own, own);
        List<AggregateMaskKey> forged = new ArrayList<>(keys);
        forged.set(1, keys.get(1).toBuilder().setPublicKey(ByteString.copyFrom(own))
                .setSignature(ByteString.copyFrom(signature)).build());
        refused(Status.Code.PERMISSION_DENIED, "not an account of organisation " + org1, () -> run(0, job, spec, forged));
        // A genuine key claimed for another organisation than the one serving the asset.
        List<AggregateMaskKey> misattributed = List.of(keys.get(0), keys.get(1), keys.get(2).toBuilder().setOrgId(org1).build());
        refused(Status.Code.PERMISSION_DENIED, "is served by organisation", () -> run(0, job, spec, misattributed));
        // This node's own key swapped for another's.
        List<AggregateMaskKey> swapped = List.of(keys.get(0).toBuilder().setPublicKey(keys.get(1).getPublicKey()).build(),
                keys.get(1), keys.get(2));
        refused(Status.Code.PERMISSION_DENIED, "not the one it advertised", () -> run(0, job, spec, swapped));
        // nothing was answered by the refusals: the genuine list is answered
        assertTrue(run(0, job, spec, keys).getCiphertextsCount() > 0);
    }

    @Test
    void theNodesOwnEntryIsCheckedAgainstTheChainToo() {
        AggregateSpec spec = AggregateOverGrpcTest.spec(0);
        long job = threeAssetJob(spec);
        List<AggregateMaskKey> keys = List.of(advertise(0, job, spec), advertise(1, job, spec), advertise(2, job, spec));
        // Its genuine key, but under an organisation that serves nothing: it would count as a further
        // organisation in the spread the node demands of the participants.
        long requesterOrg = c.f.as(DirectoryFixture.OUTSIDER).jobs().job(job).requesterOrg();
        List<AggregateMaskKey> forged = List.of(keys.get(0).toBuilder().setOrgId((int) requesterOrg).build(),
                keys.get(1), keys.get(2));
        refused(Status.Code.PERMISSION_DENIED, "claims organisation " + requesterOrg, () -> run(0, job, spec, forged));
        // nothing was answered by the refusal: the genuine list is answered
        assertTrue(run(0, job, spec, keys).getCiphertextsCount() > 0);
    }

    @Test
    void aNodeAnswersAJobOnceResendingTheSameBytesForTheSameKeysAndRefusingAnyOtherSet() {
        AggregateSpec spec = AggregateOverGrpcTest.spec(0);
        long job = threeAssetJob(spec); // quorum 3
        AggregateMaskKey k0 = advertise(0, job, spec);
        AggregateMaskKey k1 = advertise(1, job, spec);
        AggregateMaskKey k2 = advertise(2, job, spec);
        assertEquals(k0, advertise(0, job, spec), "one key per job and asset: asked again, the same");
        refused(Status.Code.FAILED_PRECONDITION, "needs at least 3", () -> run(0, job, spec, List.of(k0, k1)));
        AggregateResponse first = run(0, job, spec, List.of(k0, k1, k2));
        assertEquals(first, run(0, job, spec, List.of(k2, k0, k1)), "the same keys in any order: the very same answer");
        // Any other set would give a second sum; its difference with the first would be a partial.
        AggregateMaskKey other = k2.toBuilder().setPublicKey(k1.getPublicKey()).build();
        refused(Status.Code.FAILED_PRECONDITION, "already answered", () -> run(0, job, spec, List.of(k0, k1, other)));
    }

    @Test
    void aNodeFailingAfterTheOthersMaskedLeavesTheJobWithoutASumAndTheOthersCannotBeAskedWithoutIt()
            throws Exception {
        AggregateSpec spec = AggregateOverGrpcTest.spec(0, 0);
        long job = c.f.as(DirectoryFixture.REQUESTER).jobs().submit(new JobSubmission(AggregateSpecs.operations(spec),
                Hash32.keccak(spec.toByteArray()), AggregateOverGrpcTest.approvedGrants(0), 0, 2, Duration.ofHours(1),
                java.math.BigInteger.valueOf(1_000_000)));
        List<AggregateMaskKey> three = List.of(advertise(0, job, spec), advertise(1, job, spec), advertise(2, job, spec));
        String original = Files.readString(c.files.get(2));
        try {
            // node 2 gave its key, then its data changes: it no longer matches its commitment
            Files.writeString(c.files.get(2), original.replaceFirst("\n(\\d+),", "\n99,"));
            refused(Status.Code.FAILED_PRECONDITION, "no longer matches", () -> run(2, job, spec, three));
        } finally {
            Files.writeString(c.files.get(2), original);
        }
        run(0, job, spec, three); // masked with node 2's key: useless without node 2's answer
        // Nodes 0 and 1 answered once, for the set with node 2: a sum over {0, 1} alone is never given.
        List<AggregateMaskKey> two = List.of(three.get(0), three.get(1));
        refused(Status.Code.FAILED_PRECONDITION, "already answered", () -> run(0, job, spec, two));
    }

    @Test
    void aNodeDecidesItsRefusalBeforeItGivesAKey() throws Exception {
        AggregateSpec spec = AggregateOverGrpcTest.spec(0, 0);
        long job = c.f.as(DirectoryFixture.REQUESTER).jobs().submit(new JobSubmission(AggregateSpecs.operations(spec),
                Hash32.keccak(spec.toByteArray()), AggregateOverGrpcTest.approvedGrants(0), 0, 2, Duration.ofHours(1),
                java.math.BigInteger.valueOf(1_000_000)));
        String original = Files.readString(c.files.get(2));
        try {
            Files.writeString(c.files.get(2), original.replaceFirst("\n(\\d+),", "\n99,"));
            // no key: the coordinator leaves node 2 out before anyone masks with it
            refused(Status.Code.FAILED_PRECONDITION, "no longer matches", () -> advertise(2, job, spec));
        } finally {
            Files.writeString(c.files.get(2), original);
        }
        // a cohort below the minimum cell size is decided before the key too
        AggregateSpec narrow = spec.toBuilder().setQuery(spec.getQuery().toBuilder().addFilters(
                org.dirchain.node.api.v1.Filter.newBuilder().setColumn("age").setOp(org.dirchain.node.api.v1.Filter.Op.EQ)
                        .addValues("41"))).build();
        long narrowJob = AggregateOverGrpcTest.submit(narrow, 0, AggregateOverGrpcTest.approvedGrants(0));
        refused(Status.Code.FAILED_PRECONDITION, "minimum cell size", () -> advertise(0, narrowJob, narrow));
    }

    @Test
    void aJobOverOneAssetIsAnsweredUnmaskedAndHasNoMaskingKeys() {
        AggregateSpec spec = AggregateOverGrpcTest.spec(0);
        long grant = c.f.as(DirectoryFixture.REQUESTER).grants().request(new GrantRequest(c.assetIds.get(0),
                Set.of(Operation.COUNT, Operation.MEAN, Operation.VARIANCE, Operation.HISTOGRAM), Hash32.keccak("study"),
                Duration.ofDays(10), 10, 0));
        c.f.as(c.providerAccounts.get(0)).grants().approve(grant);
        long job = c.f.as(DirectoryFixture.REQUESTER).jobs().submit(new JobSubmission(AggregateSpecs.operations(spec),
                Hash32.keccak(spec.toByteArray()), List.of(grant), 0, 1, Duration.ofHours(1),
                java.math.BigInteger.valueOf(1_000_000)));
        AggregateResponse r = run(0, job, spec, List.of());
        assertTrue(r.getCiphertextsCount() > 0);
        refused(Status.Code.FAILED_PRECONDITION, "over one asset", () -> advertise(0, job, spec));
    }
}
