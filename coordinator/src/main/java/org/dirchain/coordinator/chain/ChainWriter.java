package org.dirchain.coordinator.chain;

import java.util.function.Function;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.coordinator.secrets.OrganisationKeys;
import org.springframework.stereotype.Component;
import org.web3j.crypto.Credentials;

/**
 * Performs a chain write as one organisation, signed with that organisation's own key, and returns
 * only once the index shows the result (read-your-writes).
 */
@Component
public class ChainWriter {
    private final ChainConnection chain;
    private final Deployment deployment;
    private final OrganisationKeys keys;
    private final IndexFollower index;

    ChainWriter(ChainConnection chain, Deployment deployment, OrganisationKeys keys, IndexFollower index) {
        this.chain = chain;
        this.deployment = deployment;
        this.keys = keys;
        this.index = index;
    }

    /** Runs {@code write} as {@code orgId}; the chain decides whether that organisation may do it. */
    public <T> T writeAs(long orgId, Function<DirectoryChain, T> write) {
        Credentials signer = keys.credentials(orgId).orElseThrow(() -> new SigningKeyMissingException(orgId));
        T result = write.apply(DirectoryChain.connect(chain, deployment, signer));
        index.awaitChainHead();
        return result;
    }
}
