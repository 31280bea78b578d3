package org.dirchain.coordinator.auth;

import java.security.Principal;
import java.util.Set;
import org.dirchain.chain.model.Role;

/**
 * The organisation an authenticated request acts for: the one its API key maps to, with its roles
 * as the chain records them at the time of the request. Controllers receive it as a parameter.
 */
public record CallerOrganisation(long orgId, String name, Set<Role> roles, String keyId) implements Principal {

    public CallerOrganisation {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isRegulator() {
        return has(Role.REGULATOR);
    }

    /** True when the caller is {@code orgId} itself or a regulator (who may look at everyone). */
    public boolean mayActFor(long otherOrgId) {
        return orgId == otherOrgId || isRegulator();
    }

    @Override
    public String getName() {
        return "org:" + orgId;
    }
}
