package org.dirchain.node.job;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.model.Job;
import org.dirchain.chain.model.JobAsset;
import org.dirchain.node.api.v1.AggregateMaskKey;
import org.dirchain.node.api.v1.AggregateResponse;
import org.dirchain.node.federation.KeyAdvertisementSigner;
import org.dirchain.node.privacy.ReleaseJournal;
import org.dirchain.node.verify.JobAuthorisation;
import org.dirchain.node.verify.Refusal;
import org.dirchain.secagg.PairwiseMasks;
import org.dirchain.secagg.SecureAggregationException;
import org.dirchain.secagg.SessionId;

/**
 * The node's side of masked aggregate jobs. One X25519 key per (job, asset), signed by the node's
 * chain account (asked again, the same key), and <b>one answer per (job, asset)</b>: masked for the
 * first participant list whose keys all check out against the chain — each signed by an account of
 * the organisation serving that asset, this node's own key among them, at least max(2, quorum)
 * participants from at least min(3, the job's node organisations) organisations. The answer is
 * journaled with a digest of that list before it leaves the node; asked again with the same list
 * the node resends the very same bytes, with another list it refuses. Were it to answer two lists,
 * the difference of the two sums would be a partial; a participant that drops after the others
 * masked therefore fails the job rather than letting it be retaken without it.
 */
public final class AggregateMasking {
    /** Kept a day past the deadline: the node's clock may run ahead of the chain's. */
    static final Duration GRACE = Duration.ofDays(1);

    private record Key(long jobId, int assetIndex) {}

    private record Session(PairwiseMasks masks, AggregateMaskKey advertised) {}

    private final DirectoryChain chain;
    private final KeyAdvertisementSigner signer;
    private final long nodeOrg;
    private final SecureRandom random;
    private final Clock clock;
    private final ReleaseJournal journal;
    private final Map<Key, Session> sessions = new ConcurrentHashMap<>();
    private final Map<Key, Instant> expiry = new ConcurrentHashMap<>();
    /** One answer at a time per (job, asset): the journal is looked at and written under it. */
    private final Map<Key, Object> locks = new ConcurrentHashMap<>();

    public AggregateMasking(DirectoryChain chain, KeyAdvertisementSigner signer, long nodeOrg, SecureRandom random,
            Clock clock, ReleaseJournal journal) {
        this.chain = chain;
        this.signer = signer;
        this.nodeOrg = nodeOrg;
        this.random = random;
        this.clock = clock;
        this.journal = journal;
    }

    /** The session every participant of a job derives its pair seeds in. */
    static SessionId maskingSession(long jobId) {
        return new SessionId(jobId, "AGGREGATE", 0, 0);
    }

    /** What a participant's signature covers: the job, its asset index, its org and key. */
    public static SessionId signedSession(long jobId, int assetIndex) {
        return new SessionId(jobId, "AGGREGATE asset " + assetIndex, 0, 0);
    }

    /** This node's masking key for its asset in a verified multi-asset job; the same one when asked again. */
    public AggregateMaskKey advertise(JobAuthorisation auth) {
        Job job = auth.job();
        if (job.assets().size() < 2) {
            throw Refusal.precondition("job " + job.id() + " is over one asset: its partial is the result and is not "
                    + "masked; ask RunAggregate without participants");
        }
        Instant now = clock.instant();
        expiry.entrySet().removeIf(e -> {
            boolean gone = e.getValue().isBefore(now);
            if (gone) {
                sessions.remove(e.getKey());
                locks.remove(e.getKey());
            }
            return gone;
        });
        Key key = new Key(job.id(), auth.assetIndex());
        expiry.putIfAbsent(key, job.deadline().plus(GRACE));
        return sessions.computeIfAbsent(key, k -> {
            PairwiseMasks masks = new PairwiseMasks(maskingSession(job.id()), auth.assetIndex(), random);
            byte[] raw = masks.publicKey();
            byte[] signature = signer.sign(signedSession(job.id(), auth.assetIndex()), (int) nodeOrg, raw, raw);
            return new Session(masks, AggregateMaskKey.newBuilder().setAssetIndex(auth.assetIndex())
                    .setOrgId((int) nodeOrg).setPublicKey(ByteString.copyFrom(raw))
                    .setSignature(ByteString.copyFrom(signature)).build());
        }).advertised();
    }

    /**
     * This node's one answer to the job: the journaled one when it answered this participant list
     * before, else {@code compute} given the masking of the plaintexts (mod the plaintext modulus),
     * journaled before it is returned.
     */
    public AggregateResponse answer(JobAuthorisation auth, List<AggregateMaskKey> participants,
            Function<Function<BigInteger, UnaryOperator<BigInteger[]>>, AggregateResponse> compute) {
        Job job = auth.job();
        int self = auth.assetIndex();
        Key key = new Key(job.id(), self);
        byte[] digest = digest(participants);
        String journalKey = "masked/" + job.id() + "/" + self;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            Optional<byte[]> answered = journal.get(journalKey);
            if (answered.isPresent()) {
                return resend(job, answered.get(), digest);
            }
            Session session = sessions.get(key);
            if (session == null) {
                throw Refusal.notFound("no masking key of asset index " + self + " in job " + job.id()
                        + " at this node (advertise first)");
            }
            Map<Integer, byte[]> peers = checkParticipants(job, self, participants, session);
            AggregateResponse response = compute.apply(modulus -> plaintexts -> {
                try {
                    return session.masks().mask(plaintexts, peers, modulus);
                } catch (SecureAggregationException e) {
                    throw Refusal.invalid(e.getMessage());
                }
            });
            byte[] body = response.toByteArray();
            journal.put(journalKey, job.deadline().plus(GRACE),
                    ByteBuffer.allocate(digest.length + body.length).put(digest).put(body).array());
            return response;
        }
    }

    private static AggregateResponse resend(Job job, byte[] stored, byte[] digest) {
        if (!Arrays.equals(Arrays.copyOf(stored, digest.length), digest)) {
            throw Refusal.precondition("job " + job.id() + " was already answered for another set of participants: "
                    + "a node answers a job once (two sums over different sets would reveal a partial)");
        }
        try {
            return AggregateResponse.parseFrom(Arrays.copyOfRange(stored, digest.length, stored.length));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("journaled answer of job " + job.id() + " does not parse", e);
        }
    }

    private Map<Integer, byte[]> checkParticipants(Job job, int self, List<AggregateMaskKey> participants,
            Session session) {
        int minimum = Math.max(2, job.quorum());
        if (participants.size() < minimum) {
            throw Refusal.precondition(participants.size() + " participants; job " + job.id() + " needs at least "
                    + minimum + " for masks that hide one partial");
        }
        Map<Integer, byte[]> peers = new HashMap<>();
        Set<Integer> orgs = new HashSet<>();
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
            orgs.add(p.getOrgId());
            if (index == self) {
                // The verifier checked that the chain has this node's organisation serve the asset.
                if (p.getOrgId() != nodeOrg) {
                    throw Refusal.denied("the entry for this node's asset claims organisation " + p.getOrgId()
                            + ", but it is served by " + nodeOrg + " on chain");
                }
                if (!Arrays.equals(key, session.advertised().getPublicKey().toByteArray())) {
                    throw Refusal.denied("the key listed for this node's asset is not the one it advertised");
                }
                selfListed = true;
                continue;
            }
            checkSignature(job, p, key);
            peers.put(index, key);
        }
        if (!selfListed) {
            throw Refusal.invalid("this node's own key is not among the participants");
        }
        // One organisation serving several assets would share every mask of this node: count organisations too.
        int jobOrgs = (int) job.assets().stream().map(JobAsset::assetId)
                .map(id -> chain.catalog().nodeOrgOf(id)).distinct().count();
        int needed = Math.max(2, Math.min(3, jobOrgs));
        if (orgs.size() < needed) {
            throw Refusal.precondition("participants from " + orgs.size() + " node organisation(s); job " + job.id()
                    + " needs " + needed + " so that no single other organisation holds all of this node's masks");
        }
        return peers;
    }

    private void checkSignature(Job job, AggregateMaskKey p, byte[] key) {
        long assetId = job.assets().get(p.getAssetIndex()).assetId();
        long servingOrg = chain.catalog().nodeOrgOf(assetId);
        if (servingOrg != p.getOrgId()) {
            throw Refusal.denied("asset index " + p.getAssetIndex() + " of job " + job.id() + " is served by organisation "
                    + servingOrg + ", not " + p.getOrgId());
        }
        String account;
        try {
            account = KeyAdvertisementSigner.signer(signedSession(job.id(), p.getAssetIndex()), p.getOrgId(), key, key,
                    p.getSignature().toByteArray());
        } catch (IllegalArgumentException e) {
            throw Refusal.denied("masking key of asset index " + p.getAssetIndex() + ": " + e.getMessage());
        }
        if (chain.organisations().orgOf(account).orElse(0L) != p.getOrgId()) {
            throw Refusal.denied("masking key of asset index " + p.getAssetIndex() + " is signed by " + account
                    + ", not an account of organisation " + p.getOrgId());
        }
    }

    /** SHA-256 of the participant list in asset-index order: what an answer was masked for. */
    static byte[] digest(List<AggregateMaskKey> participants) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            participants.stream().sorted(Comparator.comparingInt(AggregateMaskKey::getAssetIndex))
                    .forEach(p -> sha.update(p.toByteArray()));
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Keys advertised and not yet expired (for tests and health). */
    public int pending() {
        return sessions.size();
    }
}
