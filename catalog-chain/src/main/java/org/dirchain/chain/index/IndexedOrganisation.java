package org.dirchain.chain.index;

import java.util.Set;
import java.util.TreeSet;
import org.dirchain.chain.model.Role;

/** An organisation as the event log describes it. */
public record IndexedOrganisation(
        long id,
        String name,
        Set<Role> roles,
        boolean active,
        String payout,
        String nodeEndpoint,
        String nodePublicKeyHex,
        Set<String> accounts) {

    public IndexedOrganisation {
        roles = Set.copyOf(roles);
        accounts = Set.copyOf(accounts);
    }

    IndexedOrganisation withRoles(Set<Role> r) {
        return new IndexedOrganisation(id, name, r, active, payout, nodeEndpoint, nodePublicKeyHex, accounts);
    }

    IndexedOrganisation withActive(boolean a) {
        return new IndexedOrganisation(id, name, roles, a, payout, nodeEndpoint, nodePublicKeyHex, accounts);
    }

    IndexedOrganisation withPayout(String p) {
        return new IndexedOrganisation(id, name, roles, active, p, nodeEndpoint, nodePublicKeyHex, accounts);
    }

    IndexedOrganisation withNode(String endpoint, String keyHex) {
        return new IndexedOrganisation(id, name, roles, active, payout, endpoint, keyHex, accounts);
    }

    IndexedOrganisation withAccount(String account, boolean add) {
        Set<String> a = new TreeSet<>(accounts);
        if (add) {
            a.add(account);
        } else {
            a.remove(account);
        }
        return new IndexedOrganisation(id, name, roles, active, payout, nodeEndpoint, nodePublicKeyHex, a);
    }
}
