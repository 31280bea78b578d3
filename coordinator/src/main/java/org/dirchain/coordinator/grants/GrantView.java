package org.dirchain.coordinator.grants;

import java.time.Instant;
import java.util.List;
import org.dirchain.chain.index.GrantEvent;
import org.dirchain.chain.index.IndexedGrant;
import org.dirchain.chain.model.GrantStatus;
import org.dirchain.chain.model.Operation;

/**
 * An access grant with its full on-chain history.
 *
 * @param approvalsRequired k of the asset's k-of-n approval rule
 * @param expiresAt null until the grant is approved (the clock starts at the last approval)
 */
public record GrantView(
        long id,
        long assetId,
        long granteeOrg,
        GrantStatus status,
        List<Operation> operations,
        String purposeHash,
        long durationSeconds,
        int maxJobs,
        long epsilonBudgetMilli,
        int approvalsRequired,
        List<Long> approvedBy,
        Instant expiresAt,
        int jobsUsed,
        long epsilonSpentMilli,
        List<HistoryEntry> history) {

    /** One step: who did what, in which block and transaction. */
    public record HistoryEntry(GrantEvent.Kind kind, long org, long block, String txHash) {}

    public static GrantView of(IndexedGrant g, int approvalsRequired) {
        return new GrantView(g.id(), g.assetId(), g.granteeOrg(), g.status(), g.operations().stream().sorted().toList(),
                g.purposeHash().hex(), g.durationSeconds(), g.maxJobs(), g.epsilonBudgetMilli(), approvalsRequired,
                g.approvedBy(), g.expiresAt(), g.jobsUsed(), g.epsilonSpentMilli(),
                g.history().stream().map(e -> new HistoryEntry(e.kind(), e.org(), e.block(), e.txHash())).toList());
    }
}
