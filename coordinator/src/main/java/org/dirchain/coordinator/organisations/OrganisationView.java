package org.dirchain.coordinator.organisations;

import java.util.List;
import org.dirchain.chain.index.IndexedOrganisation;
import org.dirchain.chain.model.Role;

/** A consortium member as the directory records it. */
public record OrganisationView(
        long id,
        String name,
        List<Role> roles,
        boolean active,
        String payoutAddress,
        String nodeEndpoint,
        String nodePublicKey,
        List<String> accounts) {

    public static OrganisationView of(IndexedOrganisation o) {
        return new OrganisationView(o.id(), o.name(), o.roles().stream().sorted().toList(), o.active(), o.payout(),
                o.nodeEndpoint(), o.nodePublicKeyHex(), o.accounts().stream().sorted().toList());
    }
}
