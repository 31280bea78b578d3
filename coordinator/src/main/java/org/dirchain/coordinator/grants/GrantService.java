package org.dirchain.coordinator.grants;

import java.util.List;
import java.util.Locale;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.index.IndexedGrant;
import org.dirchain.chain.model.GrantRequest;
import org.dirchain.chain.model.GrantStatus;
import org.dirchain.chain.model.Hash32;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.dirchain.coordinator.chain.ChainWriter;
import org.dirchain.coordinator.web.ApiProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Access grants: requested, approved (k of n), denied and revoked on chain as the caller's
 * organisation; read from the index under the {@link GrantVisibility} rule.
 */
@Service
class GrantService {
    private static final Logger LOG = LoggerFactory.getLogger(GrantService.class);

    /** Which of the caller's grants to list. */
    enum Mine {
        /** everything the caller may see (for a regulator: every grant) */
        ALL,
        /** grants the caller's organisation requested */
        REQUESTED,
        /** grants on assets the caller owns */
        OWNED,
        /** grants on assets the caller is a named approver of */
        APPROVER,
        /** grants still waiting for the caller's approval */
        PENDING;

        static Mine parse(String value) {
            return value == null ? ALL : valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    private final DirectoryIndex index;
    private final GrantVisibility visibility;
    private final ChainWriter writer;

    GrantService(DirectoryIndex index, GrantVisibility visibility, ChainWriter writer) {
        this.index = index;
        this.visibility = visibility;
        this.writer = writer;
    }

    List<GrantView> list(CallerOrganisation caller, Mine mine, Long assetId, GrantStatus status) {
        long org = caller.orgId();
        List<IndexedGrant> grants = switch (mine) {
            case ALL -> visibility.visibleTo(caller);
            case REQUESTED -> visibility.requestedBy(org);
            case OWNED -> visibility.onAssetsOwnedBy(org);
            case APPROVER -> visibility.onAssetsApprovedBy(org);
            case PENDING -> visibility.onAssetsApprovedBy(org).stream()
                    .filter(g -> g.status() == GrantStatus.REQUESTED && !g.approvedBy().contains(org))
                    .toList();
        };
        return grants.stream()
                .filter(g -> assetId == null || g.assetId() == assetId)
                .filter(g -> status == null || g.status() == status)
                .map(this::view)
                .toList();
    }

    /** A grant the caller may see; any other is reported as absent (404), like one that does not exist. */
    GrantView get(CallerOrganisation caller, long grantId) {
        return index.grant(grantId).filter(g -> visibility.canSee(caller, g)).map(this::view)
                .orElseThrow(() -> ApiProblemException.notFound("grant", grantId));
    }

    GrantView request(CallerOrganisation caller, GrantRequestBody body) {
        GrantRequest request = body.toGrantRequest();
        long id = writer.writeAs(caller.orgId(), chain -> chain.grants().request(request));
        LOG.info("grant requested grant={} asset={} grantee={}", id, request.assetId(), caller.orgId());
        return view(indexed(id));
    }

    GrantView approve(CallerOrganisation caller, long grantId) {
        boolean approved = writer.writeAs(caller.orgId(), chain -> chain.grants().approve(grantId));
        LOG.info("grant approval recorded grant={} by={} approved={}", grantId, caller.orgId(), approved);
        return view(indexed(grantId));
    }

    GrantView deny(CallerOrganisation caller, long grantId, Hash32 reason) {
        writer.writeAs(caller.orgId(), chain -> {
            chain.grants().deny(grantId, reason);
            return null;
        });
        LOG.info("grant denied grant={} by={}", grantId, caller.orgId());
        return view(indexed(grantId));
    }

    GrantView revoke(CallerOrganisation caller, long grantId, Hash32 reason) {
        writer.writeAs(caller.orgId(), chain -> {
            chain.grants().revoke(grantId, reason);
            return null;
        });
        LOG.info("grant revoked grant={} by={}", grantId, caller.orgId());
        return view(indexed(grantId));
    }

    GrantView view(IndexedGrant g) {
        int k = index.asset(g.assetId()).map(IndexedAsset::approvalsRequired).orElse(1);
        return GrantView.of(g, k);
    }

    private IndexedGrant indexed(long id) {
        return index.grant(id).orElseThrow(() -> new IllegalStateException("index lacks grant " + id + " after writing it"));
    }
}
