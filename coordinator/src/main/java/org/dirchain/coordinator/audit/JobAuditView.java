package org.dirchain.coordinator.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.dirchain.chain.index.IndexedJob;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.chain.model.Operation;

/**
 * A job's audit trail as the ledger's events record it: who asked, on which assets under which
 * grants, what each node attested, how it ended and who was paid. Wei amounts are decimal strings.
 */
public record JobAuditView(
        long id,
        long requesterOrg,
        List<Operation> operations,
        String specHash,
        String feeWei,
        int quorum,
        Instant deadline,
        long epsilonMilli,
        JobStatus status,
        String resultHash,
        List<JobAssetView> assets,
        List<PaymentView> payments,
        long submittedBlock,
        String submitTx) {

    public record JobAssetView(long assetId, long grantId, Long providerOrg, AttestationView attestation) {}

    public record AttestationView(long nodeOrg, String commitment, long weight, long block) {}

    public record PaymentView(long orgId, String payee, String amountWei) {}

    public static JobAuditView of(IndexedJob j) {
        List<JobAssetView> assets = new ArrayList<>();
        for (int i = 0; i < j.assetIds().size(); i++) {
            long asset = j.assetIds().get(i);
            IndexedJob.Attested a = j.attestations().get(asset);
            assets.add(new JobAssetView(asset, j.grantIds().get(i), j.providerByAsset().get(asset),
                    a == null ? null : new AttestationView(a.nodeOrg(), a.commitment().hex(), a.weight(), a.block())));
        }
        return new JobAuditView(j.id(), j.requesterOrg(), j.operations().stream().sorted().toList(), j.specHash().hex(),
                j.fee().toString(), j.quorum(), j.deadline(), j.epsilonMilli(), j.status(),
                j.resultHash() == null ? null : j.resultHash().hex(), assets,
                j.payments().stream().map(p -> new PaymentView(p.orgId(), p.payee(), p.amount().toString())).toList(),
                j.submittedBlock(), j.submitTx());
    }
}
