package org.dirchain.node.job;

import com.google.protobuf.ByteString;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.model.Job;
import org.dirchain.node.api.v1.AggregateMaskKey;
import org.dirchain.node.federation.KeyAdvertisementSigner;
import org.dirchain.node.verify.JobAuthorisation;
import org.dirchain.node.verify.Refusal;
import org.dirchain.secagg.PairwiseMasks;
import org.dirchain.secagg.SecureAggregationException;
import org.dirchain.secagg.SessionId;

/**
 * The node's side of masked aggregate jobs: a fresh X25519 key per (job, asset, attempt), signed by
 * the node's chain account, and the masking of the partial once every participant's key checks out
 * against the chain — each key signed by an account of the organisation that serves that asset of
 * the job, this node's own key among them, at least max(2, quorum) participants. A key masks one
 * partial; asked to advertise again, the node draws a new one.
 */
public final class AggregateMasking {
    private static final Duration GRACE = Duration.ofHours(1);

    private record Key(long jobId, int assetIndex, int attempt) {}

    private record Session(PairwiseMasks masks, Instant keepUntil) {}

    private final DirectoryChain chain;
    private final KeyAdvertisementSigner signer;
    private final long nodeOrg;
    private final SecureRandom random;
    private final Clock clock;
    private final Map<Key, Session> sessions = new ConcurrentHashMap<>();

    public AggregateMasking(DirectoryChain chain, KeyAdvertisementSigner signer, long nodeOrg, SecureRandom random,
            Clock clock) {
        this.chain = chain;
        this.signer = signer;
        this.nodeOrg = nodeOrg;
        this.random = random;
        this.clock = clock;
    }

    /** The session every participant of the attempt derives its pair seeds in. */
    static SessionId maskingSession(long jobId, int attempt) {
        return new SessionId(jobId, "AGGREGATE", 0, attempt);
    }

    /** What a participant's signature covers: its asset index in the job, the attempt, its org and key. */
    public static SessionId signedSession(long jobId, int assetIndex, int attempt) {
        return new SessionId(jobId, "AGGREGATE asset " + assetIndex, 0, attempt);
    }

    /** A new masking key for this node's asset in a verified multi-asset job. */
    public AggregateMaskKey advertise(JobAuthorisation auth, int attempt) {
        Job job = auth.job();
        if (job.assets().size() < 2) {
            throw Refusal.precondition("job " + job.id() + " is over one asset: its partial is the result and is not "
                    + "masked; ask RunAggregate without participants");
        }
        Instant now = clock.instant();
        sessions.values().removeIf(s -> s.keepUntil().isBefore(now));
        PairwiseMasks masks = new PairwiseMasks(maskingSession(job.id(), attempt), auth.assetIndex(), random);
        sessions.put(new Key(job.id(), auth.assetIndex(), attempt), new Session(masks, job.deadline().plus(GRACE)));
        byte[] key = masks.publicKey();
        byte[] signature = signer.sign(signedSession(job.id(), auth.assetIndex(), attempt), (int) nodeOrg, key, key);
        return AggregateMaskKey.newBuilder().setAssetIndex(auth.assetIndex()).setOrgId((int) nodeOrg)
                .setPublicKey(ByteString.copyFrom(key)).setSignature(ByteString.copyFrom(signature)).build();
    }

    /**
     * The plaintexts plus this participant's masks mod {@code modulus}, after checking every
     * participant's key against the chain. The session's key is used up, whatever the outcome.
     */
    public BigInteger[] mask(JobAuthorisation auth, int attempt, List<AggregateMaskKey> participants,
            BigInteger[] plaintexts, BigInteger modulus) {
        Job job = auth.job();
        int self = auth.assetIndex();
        Session session = sessions.remove(new Key(job.id(), self, attempt));
        if (session == null) {
            throw Refusal.notFound("no masking key of asset index " + self + " in job " + job.id() + " attempt "
                    + attempt + " at this node (advertise first; a key masks one partial)");
        }
        int minimum = Math.max(2, job.quorum());
        if (participants.size() < minimum) {
            throw Refusal.precondition(participants.size() + " participants; job " + job.id() + " needs at least "
                    + minimum + " for masks that hide one partial");
        }
        Map<Integer, byte[]> peers = new HashMap<>();
        boolean selfListed = false;
        for (AggregateMaskKey p : participants) {
            int index = p.getAssetIndex();
            byte[] key = p.getPublicKey().toByteArray();
            if (index >= job.assets().size()) {
                throw Refusal.invalid("participant asset index " + index + " is not in job " + job.id());
            }
            if (peers.containsKey(index) || (index == self && selfListed)) {
                throw Refusal.invalid("asset index " + index + " is listed twice");
            }
            if (index == self) {
                if (!java.util.Arrays.equals(key, session.masks().publicKey())) {
                    throw Refusal.denied("the key listed for this node's asset is not the one it advertised");
                }
                selfListed = true;
                continue;
            }
            checkSignature(job, attempt, p, key);
            peers.put(index, key);
        }
        if (!selfListed) {
            throw Refusal.invalid("this node's own key is not among the participants");
        }
        try {
            return session.masks().mask(plaintexts, peers, modulus);
        } catch (SecureAggregationException e) {
            throw Refusal.invalid(e.getMessage());
        }
    }

    private void checkSignature(Job job, int attempt, AggregateMaskKey p, byte[] key) {
        long assetId = job.assets().get(p.getAssetIndex()).assetId();
        long servingOrg = chain.catalog().asset(assetId).nodeOrg();
        if (servingOrg != p.getOrgId()) {
            throw Refusal.denied("asset index " + p.getAssetIndex() + " of job " + job.id() + " is served by organisation "
                    + servingOrg + ", not " + p.getOrgId());
        }
        String account;
        try {
            account = KeyAdvertisementSigner.signer(signedSession(job.id(), p.getAssetIndex(), attempt), p.getOrgId(),
                    key, key, p.getSignature().toByteArray());
        } catch (IllegalArgumentException e) {
            throw Refusal.denied("masking key of asset index " + p.getAssetIndex() + ": " + e.getMessage());
        }
        if (chain.organisations().orgOf(account).orElse(0L) != p.getOrgId()) {
            throw Refusal.denied("masking key of asset index " + p.getAssetIndex() + " is signed by " + account
                    + ", not an account of organisation " + p.getOrgId());
        }
    }

    /** Keys advertised and not yet used (for tests and health). */
    public int pending() {
        return sessions.size();
    }
}
