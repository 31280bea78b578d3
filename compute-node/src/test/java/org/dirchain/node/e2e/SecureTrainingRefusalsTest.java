package org.dirchain.node.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.dirchain.node.api.v1.KeyAdvertisement;
import org.dirchain.node.api.v1.SecureSumSession;
import org.dirchain.node.api.v1.TrainAdvertiseRequest;
import org.dirchain.node.api.v1.TrainShareKeysRequest;
import org.dirchain.node.api.v1.TrainShareKeysResponse;
import org.dirchain.node.api.v1.TrainingSpec;
import org.dirchain.node.federation.KeyAdvertisementSigner;
import org.dirchain.secagg.SessionId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * In a secure-sum session of federated training, every participant listed back to a node — its own
 * entry included — must carry an organisation that serves an asset of the job on chain and be
 * signed by one of that organisation's accounts; the node's own organisation must carry its own
 * keys. Over real gRPC on a real anvil, with the coordinator's role played by the test.
 */
class SecureTrainingRefusalsTest {
    static NodeCluster c;

    @BeforeAll
    static void start() throws Exception {
        c = new NodeCluster();
    }

    @AfterAll
    static void stop() {
        c.close();
    }

    @Test
    void aForgedOwnEntryIsRefusedAndTheGenuineListStillServes() {
        TrainingSpec spec = TrainingSpec.newBuilder().setKind(TrainingSpec.ModelKind.LINEAR).addFeatures("age")
                .setLabel("hba1c").setRounds(1).setLocalEpochs(1).setLearningRate(0.1).setMinParticipants(2).build();
        long job = submit(spec);
        SecureSumSession session = SecureSumSession.newBuilder().setJobId(job).setStage(SecureSumSession.Stage.MOMENTS)
                .build();
        List<KeyAdvertisement> ads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ads.add(c.node(i).trainAdvertise(TrainAdvertiseRequest.newBuilder().setSession(session)
                    .setAssetId(c.assetIds.get(i)).setSpec(spec.toByteString()).build()).getKeys());
        }
        KeyAdvertisement own = ads.get(0);
        int org1 = ads.get(1).getOrgId();

        // Its own keys, under an organisation that serves no asset of the job.
        long requesterOrg = c.f.as(DirectoryFixture.OUTSIDER).jobs().job(job).requesterOrg();
        refused(Status.Code.PERMISSION_DENIED, "serves no asset of job", session,
                List.of(own.toBuilder().setOrgId((int) requesterOrg).build(), ads.get(1), ads.get(2)));
        // Its own keys and signature, claimed for another node's organisation.
        refused(Status.Code.PERMISSION_DENIED, "not one of its accounts on chain", session,
                List.of(own.toBuilder().setOrgId(org1).build(), ads.get(2)));
        // Its own keys re-signed by another organisation as that organisation's, its own entry left out.
        byte[] resigned = new KeyAdvertisementSigner(c.f.key(DirectoryFixture.NODE_B)).sign(
                new SessionId(job, "MOMENTS", 0, 0), org1, own.getEncryptionPublicKey().toByteArray(),
                own.getMaskPublicKey().toByteArray());
        refused(Status.Code.FAILED_PRECONDITION, "does not include this participant", session,
                List.of(own.toBuilder().setOrgId(org1).setSignature(ByteString.copyFrom(resigned)).build(), ads.get(2)));

        // The refusals changed nothing: the genuine list gets one share for each other participant.
        TrainShareKeysResponse shares = c.node(0).trainShareKeys(TrainShareKeysRequest.newBuilder()
                .setSession(session).addAllParticipants(ads).setThreshold(2).build());
        assertEquals(2, shares.getSharesCount());
    }

    private static void refused(Status.Code code, String reason, SecureSumSession session,
            List<KeyAdvertisement> participants) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> c.node(0).trainShareKeys(
                TrainShareKeysRequest.newBuilder().setSession(session).addAllParticipants(participants)
                        .setThreshold(2).build()));
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        assertTrue(e.getStatus().getDescription().contains(reason), e.getStatus().getDescription());
    }

    /** A training job over the three assets, each with an approved grant. */
    private static long submit(TrainingSpec spec) {
        List<Long> grants = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long g = c.f.as(DirectoryFixture.REQUESTER).grants().request(new GrantRequest(c.assetIds.get(i),
                    Set.of(Operation.TRAIN_LINEAR), Hash32.keccak("study"), Duration.ofDays(10), 10, 0));
            c.f.as(c.providerAccounts.get(i)).grants().approve(g);
            grants.add(g);
        }
        return c.f.as(DirectoryFixture.REQUESTER).jobs().submit(new JobSubmission(Set.of(Operation.TRAIN_LINEAR),
                Hash32.keccak(spec.toByteArray()), grants, 0, 3, Duration.ofHours(1), BigInteger.valueOf(3_000_000)));
    }
}
