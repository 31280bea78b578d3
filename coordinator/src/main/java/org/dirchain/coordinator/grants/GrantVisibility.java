package org.dirchain.coordinator.grants;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.index.IndexedGrant;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.springframework.stereotype.Component;

/**
 * Who sees which grant through the API: the organisation that requested it, the owner of the asset
 * it concerns, the asset's named approvers, and regulators. Nobody else — an organisation does not
 * learn through the API who asked for what on assets it has nothing to do with. (Every consortium
 * member can still read the chain itself; this rule keeps the API from becoming a convenient
 * surveillance tool, it is not a secrecy guarantee.)
 */
@Component
public class GrantVisibility {
    private final DirectoryIndex index;

    GrantVisibility(DirectoryIndex index) {
        this.index = index;
    }

    public boolean canSee(CallerOrganisation caller, IndexedGrant grant) {
        return caller.isRegulator() || grant.granteeOrg() == caller.orgId()
                || index.asset(grant.assetId()).map(a -> concerns(caller.orgId(), a)).orElse(false);
    }

    /** The organisation owns the asset or is one of its approvers. */
    static boolean concerns(long orgId, IndexedAsset asset) {
        return asset.ownerOrg() == orgId || asset.approvers().contains(orgId);
    }

    public List<IndexedGrant> requestedBy(long orgId) {
        return index.grantsByGrantee(orgId);
    }

    public List<IndexedGrant> onAssetsOwnedBy(long orgId) {
        return byId(index.assetsByOwner(orgId).stream().flatMap(a -> index.grantsByAsset(a.id()).stream()).toList());
    }

    public List<IndexedGrant> onAssetsApprovedBy(long orgId) {
        return byId(index.assets().stream().filter(a -> a.approvers().contains(orgId))
                .flatMap(a -> index.grantsByAsset(a.id()).stream()).toList());
    }

    /** Every grant the caller may see, ordered by id. */
    public List<IndexedGrant> visibleTo(CallerOrganisation caller) {
        if (caller.isRegulator()) {
            return all();
        }
        Map<Long, IndexedGrant> union = new TreeMap<>();
        requestedBy(caller.orgId()).forEach(g -> union.put(g.id(), g));
        onAssetsOwnedBy(caller.orgId()).forEach(g -> union.put(g.id(), g));
        onAssetsApprovedBy(caller.orgId()).forEach(g -> union.put(g.id(), g));
        return List.copyOf(union.values());
    }

    /** Every grant, by id. */
    public List<IndexedGrant> all() {
        return index.grants();
    }

    private static List<IndexedGrant> byId(Collection<IndexedGrant> grants) {
        Map<Long, IndexedGrant> m = new TreeMap<>();
        grants.forEach(g -> m.put(g.id(), g));
        return List.copyOf(m.values());
    }
}
