package org.dirchain.chain.deploy;

import java.math.BigInteger;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.errors.ChainException;
import org.dirchain.contracts.generated.AccessGrants;
import org.dirchain.contracts.generated.Consortium;
import org.dirchain.contracts.generated.DataCatalog;
import org.dirchain.contracts.generated.JobLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * Deploys the four directory contracts, wires the job ledger into the grants contract, and
 * returns their addresses. The deploying account becomes the consortium admin.
 */
public final class ContractDeployer {
    private static final Logger LOG = LoggerFactory.getLogger(ContractDeployer.class);
    /** Ignored: the managed transaction manager estimates gas and reads the node's gas price. */
    static final ContractGasProvider UNUSED_GAS = new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO);

    private final ChainConnection chain;

    public ContractDeployer(ChainConnection chain) {
        this.chain = chain;
    }

    public Deployment deploy(Credentials admin) {
        TransactionManager tm = chain.transactionManager(admin);
        try {
            Consortium consortium = Consortium.deploy(chain.web3j(), tm, UNUSED_GAS).send();
            long firstBlock = consortium.getTransactionReceipt()
                    .map(TransactionReceipt::getBlockNumber)
                    .orElseThrow()
                    .longValueExact();
            DataCatalog catalog =
                    DataCatalog.deploy(chain.web3j(), tm, UNUSED_GAS, consortium.getContractAddress()).send();
            AccessGrants grants = AccessGrants.deploy(chain.web3j(), tm, UNUSED_GAS,
                    consortium.getContractAddress(), catalog.getContractAddress()).send();
            JobLedger ledger = JobLedger.deploy(chain.web3j(), tm, UNUSED_GAS, consortium.getContractAddress(),
                    catalog.getContractAddress(), grants.getContractAddress()).send();
            grants.setJobLedger(ledger.getContractAddress()).send();
            Deployment d = new Deployment(chain.chainId(), consortium.getContractAddress(),
                    catalog.getContractAddress(), grants.getContractAddress(), ledger.getContractAddress(),
                    firstBlock);
            LOG.info("deployed directory contracts chainId={} consortium={} catalog={} grants={} ledger={}",
                    d.chainId(), d.consortium(), d.dataCatalog(), d.accessGrants(), d.jobLedger());
            return d;
        } catch (ChainException e) {
            throw e;
        } catch (Exception e) {
            throw new ChainException("deployment failed: " + e.getMessage(), e);
        }
    }
}
