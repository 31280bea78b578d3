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
import org.dirchain.node.query.LocalAggregate;
import org.dirchain.node.privacy.PartialNoise;
import org.dirchain.node.verify.GrantVerifier;
import org.dirchain.node.verify.JobAuthorisation;
import org.dirchain.node.verify.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one aggregate job on one local asset: parse the spec, verify the job on chain, check the
 * local data against its commitment, compute the partial in one streaming pass, refuse a cohort
 * below the asset's minimum, add DP noise if the job carries an epsilon, encrypt every element
 * under the requester's key, and sign the attestation. Returns ciphertexts only. A differentially
 * private job asked again gets the noisy partial it got before ({@link ReleasedNoisyPartials}).
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

    /** A masking key for this node's asset in a multi-asset job, after verifying the job on chain. */
    public AggregateMaskKey advertiseKey(AggregateKeyRequest request) {
        byte[] specBytes = request.getSpec().toByteArray();
        AggregateSpec spec = parse(specBytes);
        catalog.table(request.getAssetId()).orElseThrow(
                () -> Refusal.notFound("asset " + request.getAssetId() + " is not served by this node"));
        Set<Operation> ops;
        try {
            ops = AggregateSpecs.operations(spec);
        } catch (InvalidQueryException e) {
            throw Refusal.invalid("spec of job " + request.getJobId() + ": " + e.getMessage());
        }
        JobAuthorisation auth = verifier.verify(request.getJobId(), request.getAssetId(), specBytes, ops);
        return masking.advertise(auth);
    }

    public AggregateResponse run(AggregateRequest request, Checkpoint checkpoint) {
        long jobId = request.getJobId();
        long assetId = request.getAssetId();
        byte[] specBytes = request.getSpec().toByteArray();
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
        HomomorphicScheme scheme = scheme(spec);

        JobAuthorisation auth = verifier.verify(jobId, assetId, specBytes, ops);
        HePublicKey key = publicKey(scheme, spec);
        boolean masked = auth.job().assets().size() > 1;
        if (masked != request.getParticipantsCount() > 0) {
            throw masked ? Refusal.precondition("job " + jobId + " is over " + auth.job().assets().size()
                    + " assets: its partials are masked, so the request must carry every participant's key "
                    + "(AdvertiseAggregateKey first)")
                    : Refusal.invalid("job " + jobId + " is over one asset: its partial is not masked");
        }
        checkpoint.check();
        ContentCommitment local = catalog.requireMatchesChain(assetId, auth.asset().contentCommitment());
        LocalTable source = clamps.isEmpty() ? table : clampedOrRefuse(table, clamps, jobId);
        checkpoint.check();
        if (!masked) {
            return answer(auth, spec, scheme, key, query, clamps, source, local, checkpoint, UnaryOperator.identity());
        }
        return masking.answer(auth, request.getParticipantsList(), masker -> answer(auth, spec, scheme, key, query,
                clamps, source, local, checkpoint, masker.apply(key.plaintextModulus())));
    }

    /** Computes, masks (for a multi-asset job), encrypts and attests this node's partial. */
    private AggregateResponse answer(JobAuthorisation auth, AggregateSpec spec, HomomorphicScheme scheme,
            HePublicKey key, AggregateQuery query, Map<String, BigDecimal[]> clamps, LocalTable source,
            ContentCommitment local, Checkpoint checkpoint, UnaryOperator<BigInteger[]> mask) {
        long jobId = auth.job().id();
        long assetId = auth.asset().id();
        Hash32 published = auth.asset().contentCommitment();
        long epsilon = auth.epsilonMilli();
        Supplier<BigInteger[]> partial = () -> partial(source, query, clamps, auth, checkpoint);
        BigInteger[] vector = epsilon > 0 ? released.noisy(jobId, assetId, auth.job().deadline(), partial) : partial.get();
        checkpoint.check();
        AggregateResponse.Builder out = AggregateResponse.newBuilder()
                .setJobId(jobId)
                .setAssetId(assetId)
                .setHeScheme(scheme.name())
                .setEpsilonMilli(epsilon);
        for (BigInteger plaintext : mask.apply(plaintexts(vector, key, spec.getLaneBits(), jobId))) {
            out.addCiphertexts(ByteString.copyFrom(scheme.serializeCiphertext(scheme.encrypt(key, plaintext))));
        }
        // The weight is the rows scanned, not the cohort: the ledger is public, the cohort is not.
        Attestation att = signer.sign(jobId, auth.assetIndex(), assetId, published, local.rowCount());
        LOG.info("job={} asset={} computed: {} ciphertexts, epsilonMilli={} masked={}", jobId, assetId, vector.length,
                epsilon, auth.job().assets().size() > 1);
        return out.setAssetIndex(att.assetIndex())
                .setCommitment(ByteString.copyFrom(published.bytes()))
                .setWeight(att.weight())
                .setSignature(ByteString.copyFrom(att.signature()))
                .build();
    }

    /** The partial's vector: exact, or with the job's noise when it carries an epsilon. */
    private BigInteger[] partial(LocalTable source, AggregateQuery query, Map<String, BigDecimal[]> clamps,
            JobAuthorisation auth, Checkpoint checkpoint) {
        long jobId = auth.job().id();
        LocalAggregate result = engine.evaluate(source, query);
        if (result.cohortSize() < auth.asset().minCohort()) {
            throw Refusal.precondition("the cohort after filters is below asset " + auth.asset().id()
                    + "'s minimum of " + auth.asset().minCohort() + " rows");
        }
        BigInteger[] vector = result.partial().toVector();
        if (auth.epsilonMilli() > 0) {
            checkpoint.check(); // a call given up before its noise is drawn releases nothing
            try {
                vector = noise.apply(vector, query, clamps, auth.epsilonMilli());
            } catch (InvalidQueryException e) {
                throw Refusal.invalid("spec of job " + jobId + ": " + e.getMessage());
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
