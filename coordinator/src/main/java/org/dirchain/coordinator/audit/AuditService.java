package org.dirchain.coordinator.audit;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.index.IndexedGrant;
import org.dirchain.chain.index.IndexedJob;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.dirchain.coordinator.grants.GrantVisibility;
import org.dirchain.coordinator.web.ApiProblemException;
import org.springframework.stereotype.Service;

/**
 * The audit trail from the index. A regulator sees everything; any other organisation sees what it
 * is involved in: jobs it requested, served or attested, jobs and grants on assets it owns or
 * approves, grants it requested. Asking about another organisation is a regulator's privilege.
 */
@Service
class AuditService {
    private final DirectoryIndex index;
    private final GrantVisibility grants;

    AuditService(DirectoryIndex index, GrantVisibility grants) {
        this.index = index;
        this.grants = grants;
    }

    /** Job filters; null means any. {@code fromBlock}/{@code toBlock} bound the submission block. */
    record JobQuery(Long assetId, Long orgId, Long fromBlock, Long toBlock) {}

    List<IndexedJob> jobs(CallerOrganisation caller, JobQuery q) {
        requireMayAudit(caller, q.orgId());
        List<IndexedJob> base = caller.isRegulator() ? allJobs() : involving(caller.orgId());
        return base.stream()
                .filter(j -> q.assetId() == null || j.assetIds().contains(q.assetId()))
                .filter(j -> q.orgId() == null || involves(q.orgId(), j))
                .filter(j -> q.fromBlock() == null || j.submittedBlock() >= q.fromBlock())
                .filter(j -> q.toBlock() == null || j.submittedBlock() <= q.toBlock())
                .sorted(Comparator.comparingLong(IndexedJob::id))
                .toList();
    }

    List<IndexedGrant> grants(CallerOrganisation caller, Long assetId, Long orgId) {
        requireMayAudit(caller, orgId);
        return grants.visibleTo(caller).stream()
                .filter(g -> assetId == null || g.assetId() == assetId)
                .filter(g -> orgId == null || g.granteeOrg() == orgId || concernsAsset(orgId, g.assetId()))
                .toList();
    }

    private static void requireMayAudit(CallerOrganisation caller, Long orgId) {
        if (orgId != null && !caller.mayActFor(orgId)) {
            throw ApiProblemException.forbidden("only a regulator may audit another organisation ("
                    + orgId + "); you act for organisation " + caller.orgId());
        }
    }

    private boolean involves(long orgId, IndexedJob job) {
        return job.participants().contains(orgId) || job.assetIds().stream().anyMatch(a -> concernsAsset(orgId, a));
    }

    private boolean concernsAsset(long orgId, long assetId) {
        return index.asset(assetId).map(a -> a.ownerOrg() == orgId || a.approvers().contains(orgId)).orElse(false);
    }

    private List<IndexedJob> involving(long orgId) {
        Map<Long, IndexedJob> union = new TreeMap<>();
        index.jobsByOrg(orgId).forEach(j -> union.put(j.id(), j));
        index.assets().stream()
                .filter(a -> a.ownerOrg() == orgId || a.approvers().contains(orgId))
                .map(IndexedAsset::id)
                .flatMap(a -> index.jobsByAsset(a).stream())
                .forEach(j -> union.put(j.id(), j));
        return List.copyOf(union.values());
    }

    private List<IndexedJob> allJobs() {
        return index.jobs();
    }
}
