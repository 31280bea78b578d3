package org.dirchain.chain.model;

import java.util.Set;

/**
 * A consortium member as recorded on chain.
 *
 * @param nodePublicKeyHex the node's published public key (0x-prefixed hex, "0x" when none)
 */
public record Organisation(
        long id,
        String name,
        Set<Role> roles,
        boolean active,
        String payoutAddress,
        String nodeEndpoint,
        String nodePublicKeyHex) {

    public Organisation {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
