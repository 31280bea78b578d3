package org.dirchain.chain;

import static org.dirchain.chain.Calls.big;
import static org.dirchain.chain.Calls.run;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.OptionalLong;
import java.util.Set;
import org.dirchain.chain.errors.InvalidInputException;
import org.dirchain.chain.model.Flag;
import org.dirchain.chain.model.Organisation;
import org.dirchain.chain.model.Role;
import org.dirchain.contracts.generated.Consortium;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple6;

final class Web3jOrganisationRegistry implements OrganisationRegistry {
    private final Consortium contract;

    Web3jOrganisationRegistry(Consortium contract) {
        this.contract = contract;
    }

    @Override
    public long register(String name, Set<Role> roles, String account) {
        Inputs.text("name", name, Inputs.MAX_NAME_BYTES, true);
        Inputs.nonEmpty("roles", roles);
        Inputs.address("account", account);
        TransactionReceipt r = run(contract.registerOrganisation(name, big(Flag.mask(roles)), account),
                "registerOrganisation");
        return Consortium.getOrganisationRegisteredEvents(r).get(0).orgId.longValueExact();
    }

    @Override
    public void addAccount(long orgId, String account) {
        Inputs.id("orgId", orgId);
        Inputs.address("account", account);
        run(contract.addAccount(big(orgId), account), "addAccount");
    }

    @Override
    public void removeAccount(String account) {
        Inputs.address("account", account);
        run(contract.removeAccount(account), "removeAccount");
    }

    @Override
    public void setRoles(long orgId, Set<Role> roles) {
        Inputs.id("orgId", orgId);
        Inputs.nonEmpty("roles", roles);
        run(contract.setRoles(big(orgId), big(Flag.mask(roles))), "setRoles");
    }

    @Override
    public void suspend(long orgId) {
        Inputs.id("orgId", orgId);
        run(contract.suspend(big(orgId)), "suspend");
    }

    @Override
    public void restore(long orgId) {
        Inputs.id("orgId", orgId);
        run(contract.restore(big(orgId)), "restore");
    }

    @Override
    public void setPayout(String payoutAddress) {
        Inputs.address("payoutAddress", payoutAddress);
        run(contract.setPayout(payoutAddress), "setPayout");
    }

    @Override
    public void setNode(String endpoint, byte[] publicKey) {
        Inputs.text("endpoint", endpoint, Inputs.MAX_ENDPOINT_BYTES, true);
        if (publicKey == null || publicKey.length > Inputs.MAX_KEY_BYTES) {
            throw new InvalidInputException("publicKey", "must be present and at most " + Inputs.MAX_KEY_BYTES
                    + " bytes");
        }
        run(contract.setNode(endpoint, publicKey), "setNode");
    }

    @Override
    public Organisation organisation(long orgId) {
        Inputs.id("orgId", orgId);
        Tuple6<String, BigInteger, Boolean, String, String, byte[]> t =
                run(contract.getOrganisation(big(orgId)), "getOrganisation");
        return new Organisation(orgId, t.component1(), Flag.fromMask(Role.class, t.component2().intValue()),
                t.component3(), t.component4(), t.component5(), "0x" + HexFormat.of().formatHex(t.component6()));
    }

    @Override
    public OptionalLong orgOf(String account) {
        Inputs.address("account", account);
        long id = run(contract.orgOf(account), "orgOf").longValueExact();
        return id == 0 ? OptionalLong.empty() : OptionalLong.of(id);
    }

    @Override
    public long count() {
        return run(contract.organisationCount(), "organisationCount").longValueExact();
    }
}
