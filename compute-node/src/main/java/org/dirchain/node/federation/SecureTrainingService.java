package org.dirchain.node.federation;

import com.google.protobuf.ByteString;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dirchain.chain.AttestationSigner;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Hash32;
import org.dirchain.federated.FixedPointVector;
import org.dirchain.federated.InvalidTrainingSpecException;
import org.dirchain.federated.Stage;
import org.dirchain.federated.StageRequest;
import org.dirchain.node.api.v1.AttestTrainingRequest;
import org.dirchain.node.api.v1.EncryptedShare;
import org.dirchain.node.api.v1.KeyAdvertisement;
import org.dirchain.node.api.v1.RevealedShare;
import org.dirchain.node.api.v1.SecureSumSession;
import org.dirchain.node.api.v1.TrainAdvertiseRequest;
import org.dirchain.node.api.v1.TrainAdvertiseResponse;
import org.dirchain.node.api.v1.TrainMaskedInputRequest;
import org.dirchain.node.api.v1.TrainMaskedInputResponse;
import org.dirchain.node.api.v1.TrainShareKeysRequest;
import org.dirchain.node.api.v1.TrainShareKeysResponse;
import org.dirchain.node.api.v1.TrainUnmaskRequest;
import org.dirchain.node.api.v1.TrainUnmaskResponse;
import org.dirchain.node.api.v1.TrainingAttestation;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.job.NodeCatalog;
import org.dirchain.node.privacy.DpTraining;
import org.dirchain.node.privacy.ReleaseJournal;
import org.dirchain.node.privacy.TrainingNoise;
import org.dirchain.node.train.LocalClient;
import org.dirchain.node.train.StageAnswer;
import org.dirchain.node.train.TrainingSpec;
import org.dirchain.node.job.AggregateSpecs;
import org.dirchain.node.verify.GrantVerifier;
import org.dirchain.node.verify.JobAuthorisation;
import org.dirchain.node.verify.PolicyGate;
import org.dirchain.node.verify.Refusal;
import org.dirchain.secagg.SecureAggregationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's side of federated training: each stage is one secure-sum session. At advertise the
 * node verifies the job on chain, checks its data against the commitment, computes its stage vector
 * and answers with signed ephemeral keys; at share-keys it checks every participant's signature
 * against the chain; it then returns only the masked vector, and at unmask only the shares the
 * protocol allows. The coordinator never receives the vector itself.
 */
public final class SecureTrainingService {
    private static final Logger LOG = LoggerFactory.getLogger(SecureTrainingService.class);
    private static final Duration IDLE_EXPIRY = Duration.ofHours(6);

    private final NodeCatalog catalog;
    private final GrantVerifier verifier;
    private final DirectoryChain chain;
    private final AttestationSigner attestations;
    private final KeyAdvertisementSigner keys;
    private final long nodeOrg;
    private final SecureRandom random = new SecureRandom();
    private final ReleaseJournal journal;
    private final Map<Long, TrainingJobContext> jobs = new ConcurrentHashMap<>();
    private final Map<SecureSumSession, NodeSession> sessions = new ConcurrentHashMap<>();

    public SecureTrainingService(NodeCatalog catalog, GrantVerifier verifier, DirectoryChain chain,
            AttestationSigner attestations, KeyAdvertisementSigner keys, long nodeOrg, ReleaseJournal journal) {
        this.journal = journal;
        this.catalog = catalog;
        this.verifier = verifier;
        this.chain = chain;
        this.attestations = attestations;
        this.keys = keys;
        this.nodeOrg = nodeOrg;
    }

    public TrainAdvertiseResponse advertise(TrainAdvertiseRequest request) {
        expireIdle();
        SecureSumSession session = request.getSession();
        if (sessions.containsKey(session)) {
            throw alreadyAdvertised(session); // before any work: the stage's vector is not computed twice
        }
        long jobId = session.getJobId();
        byte[] specBytes = request.getSpec().toByteArray();
        org.dirchain.node.api.v1.TrainingSpec wire = TrainingSpecs.parse(specBytes);
        TrainingSpec spec = TrainingSpecs.toSpec(wire);
        LocalTable table = catalog.table(request.getAssetId())
                .orElseThrow(() -> Refusal.notFound("asset " + request.getAssetId() + " is not served by this node"));
        try {
            spec.validateAgainst(table.schema());
        } catch (InvalidTrainingSpecException e) {
            throw Refusal.invalid("training spec of job " + jobId + ": " + e.getMessage());
        }
        JobAuthorisation auth = verifier.verify(jobId, request.getAssetId(), specBytes, Set.of(TrainingSpecs.operation(spec)));
        PolicyGate.check(auth, table.schema(), rules -> rules.checkTraining(spec.features(), spec.label(),
                spec.filters(), AggregateSpecs.clamps(wire.getDpBoundsList()), auth.epsilonMilli()));
        catalog.requireMatchesChain(request.getAssetId(), auth.asset().contentCommitment());
        DpTraining dp = auth.epsilonMilli() > 0 ? TrainingSpecs.privacy(wire, spec, auth.epsilonMilli() / 1000.0) : null;
        Instant keepUntil = auth.job().deadline().plus(Duration.ofDays(1));
        TrainingNoise noise = dp == null ? null : new TrainingNoise(dp, random, journal,
                "training/" + jobId + "/" + request.getAssetId() + "/count", keepUntil);
        TrainingJobContext job = jobs.computeIfAbsent(jobId, id -> new TrainingJobContext(id, request.getAssetId(), spec,
                wire.getMinParticipants(), new LocalClient("asset-" + request.getAssetId(), table, noise),
                nodeOrgs(auth), journal, keepUntil));
        job.lastUsed = Instant.now();
        StageRequest stage = TrainingSpecs.stageRequest(session, request.getInput(), spec);
        if (dp != null && stage.stage() == Stage.EVALUATE) {
            throw Refusal.precondition("job " + jobId + " is differentially private: hold-out metrics are not released");
        }
        if (stage.standardiser() != null) {
            job.prepare(stage.standardiser());
        }
        requireWithinSpec(jobId, stage, spec, dp != null);
        StageAnswer answer;
        try {
            answer = job.answer(stage.stage(), stage.round(), sha256(request.getInput().toByteArray()), dp != null,
                    () -> StageAnswer.of(job.client, spec, stage));
        } catch (InvalidTrainingSpecException e) {
            throw Refusal.invalid("training spec of job " + jobId + ": " + e.getMessage());
        } catch (IllegalStateException e) {
            throw Refusal.precondition("job " + jobId + ": " + e.getMessage());
        }
        // Every stage: a coordinator could skip setup and ask a round (training or hold-out rows) directly.
        // Under DP the answer's count is the job's released noisy count, so this refusal reveals nothing more.
        if (answer.rows() < auth.asset().policy().minCellSize()) {
            throw Refusal.precondition("the training rows after filters" + (dp != null ? " (noisy count)" : "")
                    + " are below asset " + request.getAssetId() + "'s minimum of " + auth.asset().policy().minCellSize() + " rows");
        }
        NodeSession node = new NodeSession(session, (int) nodeOrg, job, answer, random);
        if (sessions.putIfAbsent(session, node) != null) {
            throw alreadyAdvertised(session); // a concurrent twin got here first
        }
        byte[] signature = keys.sign(node.id(), (int) nodeOrg, node.encryptionKey(), node.maskKey());
        LOG.debug("job={} session={} advertised", jobId, NodeSession.describe(session));
        return TrainAdvertiseResponse.newBuilder().setKeys(KeyAdvertisement.newBuilder().setOrgId((int) nodeOrg)
                .setEncryptionPublicKey(ByteString.copyFrom(node.encryptionKey()))
                .setMaskPublicKey(ByteString.copyFrom(node.maskKey()))
                .setSignature(ByteString.copyFrom(signature))).build();
    }

    public TrainShareKeysResponse shareKeys(TrainShareKeysRequest request) {
        NodeSession node = session(request.getSession());
        TrainingJobContext job = node.job();
        Map<Integer, KeyAdvertisement> participants = new HashMap<>();
        for (KeyAdvertisement a : request.getParticipantsList()) {
            if (participants.put(a.getOrgId(), a) != null) {
                throw Refusal.invalid("organisation " + a.getOrgId() + " is listed twice");
            }
            checkAdvertisement(node, job, a);
        }
        int n = participants.size();
        int threshold = request.getThreshold();
        int minimum = Math.max(Math.max(TrainingSpecs.MIN_PARTICIPANTS, n / 2 + 1), job.minParticipants);
        if (n < job.minParticipants) {
            throw Refusal.precondition(n + " participants, the spec requires at least " + job.minParticipants);
        }
        if (threshold < minimum || threshold > n) {
            throw Refusal.precondition("threshold " + threshold + " for " + n + " participants must be between "
                    + minimum + " and " + n);
        }
        return guarded(() -> {
            TrainShareKeysResponse.Builder out = TrainShareKeysResponse.newBuilder();
            node.shareKeys(participants, threshold).forEach((to, ciphertext) -> out.addShares(EncryptedShare.newBuilder()
                    .setFromOrg((int) nodeOrg).setToOrg(to).setCiphertext(ByteString.copyFrom(ciphertext))));
            return out.build();
        });
    }

    public TrainMaskedInputResponse maskedInput(TrainMaskedInputRequest request) {
        NodeSession node = session(request.getSession());
        Map<Integer, byte[]> shares = new HashMap<>();
        for (EncryptedShare s : request.getSharesList()) {
            if (s.getToOrg() != nodeOrg) {
                throw Refusal.invalid("a share addressed to organisation " + s.getToOrg() + " was sent to " + nodeOrg);
            }
            shares.put(s.getFromOrg(), s.getCiphertext().toByteArray());
        }
        long[] input = FixedPointVector.encode(node.answer().values());
        return guarded(() -> {
            long[] masked = node.maskedInput(new HashSet<>(request.getSharingOrgsList()), shares, input);
            TrainMaskedInputResponse.Builder out = TrainMaskedInputResponse.newBuilder();
            for (long v : masked) {
                out.addMasked(v);
            }
            if (request.getSession().getStage() == SecureSumSession.Stage.FIT) {
                out.setRows(node.answer().rows());
            }
            return out.build();
        });
    }

    public TrainUnmaskResponse unmask(TrainUnmaskRequest request) {
        NodeSession node = session(request.getSession());
        Set<Integer> survivors = new HashSet<>(request.getSurvivingOrgsList());
        SecureSumSession stage = request.getSession();
        try {
            node.job().unmasking(stage.getStage().name(), stage.getRound(), survivors);
        } catch (IllegalStateException e) {
            throw Refusal.precondition("job " + stage.getJobId() + ": " + e.getMessage());
        }
        return guarded(() -> {
            var revealed = node.unmask(survivors);
            SecureSumSession s = request.getSession();
            if (s.getStage() == SecureSumSession.Stage.FIT && survivors.contains((int) nodeOrg)) {
                node.job().countRound(s.getRound(), node.answer().rows());
            }
            TrainUnmaskResponse.Builder out = TrainUnmaskResponse.newBuilder();
            revealed.selfMaskShares().forEach((owner, share) -> out.addSelfMaskShares(RevealedShare.newBuilder()
                    .setOwnerOrg(owner).setShare(ByteString.copyFrom(share))));
            revealed.maskKeyShares().forEach((owner, share) -> out.addMaskKeyShares(RevealedShare.newBuilder()
                    .setOwnerOrg(owner).setShare(ByteString.copyFrom(share))));
            return out.build();
        });
    }

    /**
     * The node's attestation of its part in the job: rows used × rounds its update was summed in;
     * under differential privacy the rows are the job's released noisy count.
     */
    public TrainingAttestation attest(AttestTrainingRequest request) {
        long jobId = request.getJobId();
        byte[] specBytes = request.getSpec().toByteArray();
        TrainingSpec spec = TrainingSpecs.toSpec(TrainingSpecs.parse(specBytes));
        JobAuthorisation auth = verifier.verify(jobId, request.getAssetId(), specBytes, Set.of(TrainingSpecs.operation(spec)));
        TrainingJobContext job = jobs.get(jobId);
        int rounds = job == null || job.assetId != request.getAssetId() ? 0 : job.roundsParticipated();
        if (rounds == 0 || job.rowsUsed() == 0) {
            throw Refusal.precondition("this node's update was in no round of job " + jobId + ": nothing to attest");
        }
        Hash32 commitment = auth.asset().contentCommitment();
        long weight = job.rowsUsed() * rounds;
        Attestation att = attestations.sign(jobId, auth.assetIndex(), request.getAssetId(), commitment, weight);
        LOG.info("job={} asset={} training attested: rows={} rounds={}", jobId, request.getAssetId(), job.rowsUsed(), rounds);
        return TrainingAttestation.newBuilder().setJobId(jobId).setAssetId(request.getAssetId())
                .setAssetIndex(att.assetIndex()).setCommitment(ByteString.copyFrom(commitment.bytes()))
                .setWeight(weight).setSignature(ByteString.copyFrom(att.signature()))
                .setRowsUsed(job.rowsUsed()).setRoundsParticipated(rounds).build();
    }

    /**
     * The spec on chain, not the coordinator, sets how far training goes: no round past its rounds
     * and, under differential privacy, no more local steps per round than the budget was split over.
     */
    private static void requireWithinSpec(long jobId, StageRequest stage, TrainingSpec spec, boolean noisy) {
        if (stage.stage() == Stage.MOMENTS) {
            return;
        }
        if (stage.round() < 1 || stage.round() > spec.rounds()) {
            throw Refusal.invalid("job " + jobId + " has rounds 1 to " + spec.rounds() + ", asked round " + stage.round());
        }
        if (noisy && stage.stage() == Stage.FIT && (stage.config().localEpochs() != spec.localEpochs()
                || stage.config().batchSize() != spec.batchSize())) {
            throw Refusal.invalid("job " + jobId + " is differentially private with " + spec.localEpochs()
                    + " full-batch epoch(s) per round as its spec says; asked " + stage.config().localEpochs()
                    + " epoch(s) of batch " + stage.config().batchSize());
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private void checkAdvertisement(NodeSession node, TrainingJobContext job, KeyAdvertisement a) {
        long org = a.getOrgId();
        if (!job.nodeOrgs.contains(org)) {
            throw Refusal.denied("organisation " + org + " serves no asset of job " + job.jobId);
        }
        String signer;
        try {
            signer = KeyAdvertisementSigner.signer(node.id(), a.getOrgId(), a.getEncryptionPublicKey().toByteArray(),
                    a.getMaskPublicKey().toByteArray(), a.getSignature().toByteArray());
        } catch (IllegalArgumentException e) {
            throw Refusal.denied("keys of organisation " + org + ": " + e.getMessage());
        }
        long signerOrg = job.accountOrgs.computeIfAbsent(signer,
                account -> chain.organisations().orgOf(account).orElse(0L));
        if (signerOrg != org) {
            throw Refusal.denied("keys advertised for organisation " + org + " are signed by " + signer
                    + ", which is not one of its accounts on chain");
        }
        if (org == nodeOrg && !node.isOwnAdvertisement(a.getEncryptionPublicKey().toByteArray(),
                a.getMaskPublicKey().toByteArray())) {
            throw Refusal.denied("the keys listed for this node are not the ones it advertised");
        }
    }

    private static Refusal alreadyAdvertised(SecureSumSession session) {
        return Refusal.precondition("session " + NodeSession.describe(session) + " was already advertised: keys and "
                + "masks are never reused; restart the stage with a new attempt number");
    }

    private Set<Long> nodeOrgs(JobAuthorisation auth) {
        Set<Long> orgs = new HashSet<>();
        auth.job().assets().forEach(a -> orgs.add(chain.catalog().asset(a.assetId()).nodeOrg()));
        return orgs;
    }

    private NodeSession session(SecureSumSession session) {
        NodeSession node = sessions.get(session);
        if (node == null) {
            throw Refusal.notFound("no session " + NodeSession.describe(session) + " at this node: advertise first");
        }
        return node;
    }

    private interface Step<T> {
        T run();
    }

    /** Protocol violations (wrong order, a second unmask, a bad share) are refusals with the library's reason. */
    private static <T> T guarded(Step<T> step) {
        try {
            return step.run();
        } catch (SecureAggregationException e) {
            throw Refusal.precondition(e.getMessage());
        }
    }

    private void expireIdle() {
        Instant cutoff = Instant.now().minus(IDLE_EXPIRY);
        jobs.values().removeIf(j -> j.lastUsed.isBefore(cutoff));
        sessions.values().removeIf(s -> s.job().lastUsed.isBefore(cutoff));
    }
}
