package org.dirchain.chain.index;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.chain.model.Operation;

/** A job and its settlement as the ledger's events record them: the audit trail of a computation. */
public record IndexedJob(
        long id,
        long requesterOrg,
        Set<Operation> operations,
        Hash32 specHash,
        BigInteger fee,
        int quorum,
        Instant deadline,
        long epsilonMilli,
        List<Long> assetIds,
        List<Long> grantIds,
        Map<Long, Long> providerByAsset,
        Map<Long, Attested> attestations,
        JobStatus status,
        Hash32 resultHash,
        List<Payment> payments,
        long submittedBlock,
        String submitTx) {

    /** What a node attested for one asset of the job. */
    public record Attested(long nodeOrg, Hash32 commitment, long weight, long block) {}

    /** A share of the fee (or the refund) credited to an organisation's payout address. */
    public record Payment(long orgId, String payee, BigInteger amount) {}

    public IndexedJob {
        operations = Set.copyOf(operations);
        assetIds = List.copyOf(assetIds);
        grantIds = List.copyOf(grantIds);
        providerByAsset = Map.copyOf(providerByAsset);
        attestations = Map.copyOf(attestations);
        payments = List.copyOf(payments);
    }

    IndexedJob withProvider(long assetId, long providerOrg) {
        Map<Long, Long> m = new TreeMap<>(providerByAsset);
        m.put(assetId, providerOrg);
        return new IndexedJob(id, requesterOrg, operations, specHash, fee, quorum, deadline, epsilonMilli, assetIds,
                grantIds, m, attestations, status, resultHash, payments, submittedBlock, submitTx);
    }

    IndexedJob withAttestation(long assetId, Attested a) {
        Map<Long, Attested> m = new TreeMap<>(attestations);
        m.put(assetId, a);
        return new IndexedJob(id, requesterOrg, operations, specHash, fee, quorum, deadline, epsilonMilli, assetIds,
                grantIds, providerByAsset, m, status, resultHash, payments, submittedBlock, submitTx);
    }

    IndexedJob withOutcome(JobStatus s, Hash32 result, Payment payment) {
        List<Payment> p = payment == null ? payments
                : java.util.stream.Stream.concat(payments.stream(), java.util.stream.Stream.of(payment)).toList();
        return new IndexedJob(id, requesterOrg, operations, specHash, fee, quorum, deadline, epsilonMilli, assetIds,
                grantIds, providerByAsset, attestations, s, result, p, submittedBlock, submitTx);
    }

    /** Every organisation involved: the requester, the asset providers and the attesting nodes. */
    public Set<Long> participants() {
        java.util.TreeSet<Long> orgs = new java.util.TreeSet<>(providerByAsset.values());
        orgs.add(requesterOrg);
        attestations.values().forEach(a -> orgs.add(a.nodeOrg()));
        return orgs;
    }
}
