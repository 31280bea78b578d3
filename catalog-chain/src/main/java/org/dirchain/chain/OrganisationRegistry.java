package org.dirchain.chain;

import java.util.OptionalLong;
import java.util.Set;
import org.dirchain.chain.model.Organisation;
import org.dirchain.chain.model.Role;

/** Consortium membership: organisations, their roles, accounts and compute nodes. */
public interface OrganisationRegistry {
    /** Admin only: admits an organisation with its first account; returns its id. */
    long register(String name, Set<Role> roles, String account);

    void addAccount(long orgId, String account);

    void removeAccount(String account);

    void setRoles(long orgId, Set<Role> roles);

    void suspend(long orgId);

    void restore(long orgId);

    /** The signer's organisation: where its share of job fees is paid. */
    void setPayout(String payoutAddress);

    /** The signer's (node) organisation publishes its node endpoint and public key. */
    void setNode(String endpoint, byte[] publicKey);

    Organisation organisation(long orgId);

    OptionalLong orgOf(String account);

    long count();
}
