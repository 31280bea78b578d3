package org.dirchain.node.job;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.dirchain.chain.AttestationSigner;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
import org.dirchain.he.LanePacking;
import org.dirchain.node.api.v1.AggregateKeyRequest;
import org.dirchain.node.api.v1.AggregateMaskKey;
import org.dirchain.node.api.v1.AggregateRequest;
import org.dirchain.node.api.v1.AggregateResponse;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.data.ContentCommitment;
import org.dirchain.node.data.LocalTable;
import org.dirchain.he.FixedPointEncoder;
import org.dirchain.he.HeException;
import org.dirchain.he.HePublicKey;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.HomomorphicSchemes;
import org.dirchain.node.query.AggregateEngine;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.BoundQuery;
import org.dirchain.node.query.InvalidQueryException;
import org.dirchain.node.privacy.CellSuppression;
import org.dirchain.node.privacy.PartialNoise;
import org.dirchain.node.verify.GrantVerifier;
import org.dirchain.node.verify.JobAuthorisation;
import org.dirchain.node.verify.PolicyGate;
import org.dirchain.node.verify.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one aggregate job on one local asset: parse the spec, verify the job on chain and against
 * the owner's release policy, check the local data against its commitment, compute the partial in
 * one streaming pass, add DP noise if the job carries an epsilon, suppress cells below the minimum
 * cell size and refuse a cohort below it (on the noisy counts under DP), encrypt every element under
 * the requester's key, and sign the attestation. Returns ciphertexts only. A differentially private
 * job asked again gets the noisy partial it got before ({@link ReleasedNoisyPartials}).
 */
public final class AggregateJobRunner {
    /** Throws {@link Cancelled} when the caller has gone or its deadline has passed. */
    @FunctionalInterface
    public interface Checkpoint {
        void check();
    }

    private static final Logger LOG = LoggerFactory.getLogger(AggregateJobRunner.class);

    private final NodeCatalog catalog;
    private final GrantVerifier verifier;
    private final AttestationSigner signer;
    private final AggregateEngine engine;
    private final PartialNoise noise;
    private final ReleasedNoisyPartials released;
    private final AggregateMasking masking;
    private final Map<String, BigInteger[]> exactPartials = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, BigInteger[]> eldest) {
            return size() > 64;
        }
    };
    private final Map<String, HePublicKey> keys = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, HePublicKey> eldest) {
            return size() > 8;
        }
    };

    public AggregateJobRunner(NodeCatalog catalog, GrantVerifier verifier, AttestationSigner signer,
            AggregateEngine engine, PartialNoise noise, ReleasedNoisyPartials released, AggregateMasking masking) {
        this.catalog = catalog;
        this.verifier = verifier;
        this.signer = signer;
        this.engine = engine;
        this.noise = noise;
        this.released = released;
        this.masking = masking;
    }

    /** A job this node may answer: verified on chain and against the owner's release policy. */
    private record Prepared(JobAuthorisation auth, AggregateSpec spec, AggregateQuery query,
            Map<String, BigDecimal[]> clamps, LocalTable source, ContentCommitment local) {}

    /**
     * A masking key for this node's asset in a multi-asset job. Everything the node can decide is
     * decided first — the job on chain, the release policy, and the cohort of the very partial it
     * will release (under DP drawn and journaled now) — so a node that refuses gives no key and the
     * job goes on without it while its quorum holds.
     */
    public AggregateMaskKey advertiseKey(AggregateKeyRequest request) {
        Prepared job = prepare(request.getJobId(), request.getAssetId(), request.getSpec().toByteArray());
        released(job, () -> {});
        return masking.advertise(job.auth());
    }

    public AggregateResponse run(AggregateRequest request, Checkpoint checkpoint) {
        long jobId = request.getJobId();
        Prepared job = prepare(jobId, request.getAssetId(), request.getSpec().toByteArray());
        JobAuthorisation auth = job.auth();
        boolean masked = auth.job().assets().size() > 1;
        if (masked != request.getParticipantsCount() > 0) {
            throw masked ? Refusal.precondition("job " + jobId + " is over " + auth.job().assets().size()
                    + " assets: its partials are masked, so the request must carry every participant's key "
                    + "(AdvertiseAggregateKey first)")
                    : Refusal.invalid("job " + jobId + " is over one asset: its partial is not masked");
        }
        HomomorphicScheme scheme = scheme(job.spec());
        HePublicKey key = publicKey(scheme, job.spec()); // parsed only for a job verified on chain
        checkpoint.check();
        if (!masked) {
            return answer(job, scheme, key, checkpoint, UnaryOperator.identity());
        }
        return masking.answer(auth, request.getParticipantsList(),
                masker -> answer(job, scheme, key, checkpoint, masker.apply(key.plaintextModulus())));
    }

    /** Parses the spec, verifies the job on chain, applies the release policy, checks the local data. */
    private Prepared prepare(long jobId, long assetId, byte[] specBytes) {
        AggregateSpec spec = parse(specBytes);
        LocalTable table = catalog.table(assetId)
                .orElseThrow(() -> Refusal.notFound("asset " + assetId + " is not served by this node"));
        AggregateQuery query;
        Set<Operation> ops;
        Map<String, BigDecimal[]> clamps;
        try {
            query = AggregateSpecs.toQuery(spec);
            BoundQuery.validate(query, table.schema());
            ops = AggregateSpecs.operations(spec);
            clamps = AggregateSpecs.clamps(spec);
        } catch (InvalidQueryException | org.dirchain.node.data.UnknownColumnException e) {
            throw Refusal.invalid("spec of job " + jobId + ": " + e.getMessage());
        }
        JobAuthorisation auth = verifier.verify(jobId, assetId, specBytes, ops);
        PolicyGate.check(auth, table.schema(), rules -> rules.checkAggregate(query, clamps, auth.epsilonMilli()));
        ContentCommitment local = catalog.requireMatchesChain(assetId, auth.asset().contentCommitment());
        LocalTable source = clamps.isEmpty() ? table : clampedOrRefuse(table, clamps, jobId);
        return new Prepared(auth, spec, query, clamps, source, local);
    }

    /**
     * The vector this node releases for the job: exact, or noisy under DP (drawn once, journaled,
     * the same when asked again), with small cells suppressed; refused when the released cohort is
     * below the asset's minimum cell size.
     */
    private BigInteger[] released(Prepared job, Checkpoint checkpoint) {
        JobAuthorisation auth = job.auth();
        Supplier<BigInteger[]> partial = () -> partial(job, checkpoint);
        BigInteger[] vector = auth.epsilonMilli() > 0
                ? released.noisy(auth.job().id(), auth.asset().id(), auth.job().deadline(), partial)
                : exact(job, partial);
        int minCell = auth.asset().policy().minCellSize();
        if (CellSuppression.cohort(vector, job.query()).compareTo(BigInteger.valueOf(minCell)) < 0) {
            throw Refusal.precondition("the cohort after filters is below asset " + auth.asset().id()
                    + "'s minimum cell size of " + minCell + (auth.epsilonMilli() > 0 ? " (noisy count)" : ""));
        }
        return CellSuppression.suppress(vector, job.query(), minCell);
    }

    /**
     * An exact partial, computed once for the masking-key call and the answer that follows it (same
     * job, asset and data commitment): the answer does not read the data a second time.
     */
    private BigInteger[] exact(Prepared job, Supplier<BigInteger[]> compute) {
        String key = job.auth().job().id() + "/" + job.auth().asset().id() + "/" + job.local().toHash32();
        synchronized (exactPartials) {
            BigInteger[] cached = exactPartials.get(key);
            if (cached != null) {
                return cached.clone();
            }
        }
        BigInteger[] vector = compute.get();
        synchronized (exactPartials) {
            exactPartials.put(key, vector.clone());
        }
        return vector;
    }

    /** Computes, masks (for a multi-asset job), encrypts and attests this node's partial. */
    private AggregateResponse answer(Prepared job, HomomorphicScheme scheme, HePublicKey key, Checkpoint checkpoint,
            UnaryOperator<BigInteger[]> mask) {
        JobAuthorisation auth = job.auth();
        long jobId = auth.job().id();
        long assetId = auth.asset().id();
        Hash32 published = auth.asset().contentCommitment();
        long epsilon = auth.epsilonMilli();
        BigInteger[] vector = released(job, checkpoint);
        checkpoint.check();
        AggregateResponse.Builder out = AggregateResponse.newBuilder()
                .setJobId(jobId)
                .setAssetId(assetId)
                .setHeScheme(scheme.name())
                .setEpsilonMilli(epsilon);
        for (BigInteger plaintext : mask.apply(plaintexts(vector, key, job.spec().getLaneBits(), jobId))) {
            out.addCiphertexts(ByteString.copyFrom(scheme.serializeCiphertext(scheme.encrypt(key, plaintext))));
        }
        // The weight is the rows scanned, not the cohort: the ledger is public, the cohort is not.
        Attestation att = signer.sign(jobId, auth.assetIndex(), assetId, published, job.local().rowCount());
        LOG.info("job={} asset={} computed: {} ciphertexts, epsilonMilli={} masked={}", jobId, assetId, vector.length,
                epsilon, auth.job().assets().size() > 1);
        return out.setAssetIndex(att.assetIndex())
                .setCommitment(ByteString.copyFrom(published.bytes()))
                .setWeight(att.weight())
                .setSignature(ByteString.copyFrom(att.signature()))
                .build();
    }

    /** The partial's vector: exact, or with the job's noise when it carries an epsilon. */
    private BigInteger[] partial(Prepared job, Checkpoint checkpoint) {
        JobAuthorisation auth = job.auth();
        BigInteger[] vector = engine.evaluate(job.source(), job.query()).partial().toVector();
        if (auth.epsilonMilli() > 0) {
            checkpoint.check(); // a call given up before its noise is drawn releases nothing
            try {
                vector = noise.apply(vector, job.query(), job.clamps(), auth.epsilonMilli());
            } catch (InvalidQueryException e) {
                throw Refusal.invalid("spec of job " + auth.job().id() + ": " + e.getMessage());
            }
        }
        return vector;
    }

    /** One plaintext per value (signed fixed-point residues), or lanes packed many per plaintext. */
    private static BigInteger[] plaintexts(BigInteger[] vector, HePublicKey key, int laneBits, long jobId) {
        if (laneBits == 0) {
            FixedPointEncoder signed = FixedPointEncoder.decimal(key, 0); // entries are already scaled integers
            BigInteger[] out = new BigInteger[vector.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = signed.encodeScaled(vector[i]);
            }
            return out;
        }
        try {
            return new LanePacking(laneBits, key.plaintextModulus()).pack(vector);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("spec of job " + jobId + ": " + e.getMessage());
        }
    }

    private static AggregateSpec parse(byte[] bytes) {
        try {
            return AggregateSpec.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw Refusal.invalid("spec is not a valid AggregateSpec: " + e.getMessage());
        }
    }

    private static HomomorphicScheme scheme(AggregateSpec spec) {
        try {
            return HomomorphicSchemes.byName(spec.getHeScheme());
        } catch (HeException e) {
            throw Refusal.invalid("unknown homomorphic scheme '" + spec.getHeScheme() + "'");
        }
    }

    /**
     * Parsing a key builds its fixed-base encryption table (tens of MB, most of a second), so the
     * few keys in use are kept: a requester's key typically serves many jobs.
     */
    private HePublicKey publicKey(HomomorphicScheme scheme, AggregateSpec spec) {
        String id = scheme.name() + ":" + Hash32.keccak(spec.getHePublicKey().toByteArray());
        synchronized (keys) {
            HePublicKey cached = keys.get(id);
            if (cached != null) {
                return cached;
            }
        }
        try {
            HePublicKey key = scheme.deserializePublicKey(spec.getHePublicKey().toByteArray());
            synchronized (keys) {
                keys.put(id, key);
            }
            return key;
        } catch (HeException e) {
            throw Refusal.invalid("the spec's public key is not a valid " + scheme.name() + " key: " + e.getMessage());
        }
    }

    private static LocalTable clampedOrRefuse(LocalTable table, Map<String, BigDecimal[]> clamps, long jobId) {
        try {
            return new ClampedTable(table, clamps);
        } catch (InvalidQueryException | org.dirchain.node.data.UnknownColumnException e) {
            throw Refusal.invalid("spec of job " + jobId + ": " + e.getMessage());
        }
    }
}
