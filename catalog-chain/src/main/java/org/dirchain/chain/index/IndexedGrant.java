package org.dirchain.chain.index;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.model.GrantStatus;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;

/** A grant with its full history (request, each approval, denial or revocation, each use). */
public record IndexedGrant(
        long id,
        long assetId,
        long granteeOrg,
        GrantStatus status,
        Set<Operation> operations,
        Hash32 purposeHash,
        long durationSeconds,
        int maxJobs,
        long epsilonBudgetMilli,
        List<Long> approvedBy,
        Instant expiresAt,
        int jobsUsed,
        long epsilonSpentMilli,
        List<GrantEvent> history) {

    public IndexedGrant {
        operations = Set.copyOf(operations);
        approvedBy = List.copyOf(approvedBy);
        history = List.copyOf(history);
    }

    IndexedGrant with(GrantStatus s, List<Long> approvers, Instant expires, int used, long spent, GrantEvent e) {
        List<GrantEvent> h = new ArrayList<>(history);
        h.add(e);
        return new IndexedGrant(id, assetId, granteeOrg, s, operations, purposeHash, durationSeconds, maxJobs,
                epsilonBudgetMilli, approvers, expires, used, spent, h);
    }
}
