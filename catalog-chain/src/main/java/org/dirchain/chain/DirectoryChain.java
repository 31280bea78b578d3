package org.dirchain.chain;

import org.dirchain.chain.deploy.Deployment;
import org.dirchain.chain.errors.ChainException;
import org.dirchain.contracts.generated.AccessGrants;
import org.dirchain.contracts.generated.Consortium;
import org.dirchain.contracts.generated.DataCatalog;
import org.dirchain.contracts.generated.JobLedger;
import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The directory chain as one signer sees it: the four registries, every write signed with that
 * signer's key. Cheap to create; create one per organisation key.
 */
public final class DirectoryChain {
    private final Credentials signer;
    private final Deployment deployment;
    private final OrganisationRegistry organisations;
    private final AssetCatalog catalog;
    private final GrantRegistry grants;
    private final JobRegistry jobs;

    private DirectoryChain(ChainConnection chain, Deployment d, Credentials signer) {
        if (d.chainId() != chain.chainId()) {
            throw new ChainException("deployment is for chain " + d.chainId() + " but the node serves chain "
                    + chain.chainId());
        }
        this.signer = signer;
        this.deployment = d;
        TransactionManager tm = chain.transactionManager(signer);
        StaticGasProvider gas = new StaticGasProvider(java.math.BigInteger.ZERO, java.math.BigInteger.ZERO);
        this.organisations = new Web3jOrganisationRegistry(Consortium.load(d.consortium(), chain.web3j(), tm, gas));
        this.catalog = new Web3jAssetCatalog(DataCatalog.load(d.dataCatalog(), chain.web3j(), tm, gas));
        this.grants = new Web3jGrantRegistry(AccessGrants.load(d.accessGrants(), chain.web3j(), tm, gas));
        this.jobs = new Web3jJobRegistry(JobLedger.load(d.jobLedger(), chain.web3j(), tm, gas));
    }

    public static DirectoryChain connect(ChainConnection chain, Deployment deployment, Credentials signer) {
        return new DirectoryChain(chain, deployment, signer);
    }

    public String signerAddress() {
        return signer.getAddress();
    }

    public Deployment deployment() {
        return deployment;
    }

    public OrganisationRegistry organisations() {
        return organisations;
    }

    public AssetCatalog catalog() {
        return catalog;
    }

    public GrantRegistry grants() {
        return grants;
    }

    public JobRegistry jobs() {
        return jobs;
    }
}
