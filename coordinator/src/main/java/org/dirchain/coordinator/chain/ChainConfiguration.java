package org.dirchain.coordinator.chain;

import java.nio.file.Files;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.DirectoryIndexer;
import org.dirchain.coordinator.CoordinatorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The directory chain as the coordinator uses it: one connection, the deployment, the event index. */
@Configuration(proxyBeanMethods = false)
class ChainConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ChainConfiguration.class);

    @Bean(destroyMethod = "close")
    ChainConnection chainConnection(CoordinatorProperties properties) {
        CoordinatorProperties.Chain c = properties.chain();
        ChainConnection chain = ChainConnection.open(c.rpcUrl(),
                new ChainConnection.Options(c.receiptTimeout(), c.maxReceiptPause(), c.gasPriceRefresh()));
        LOG.info("chain connected rpc={} chainId={}", c.rpcUrl(), chain.chainId());
        return chain;
    }

    @Bean
    Deployment deployment(CoordinatorProperties properties, ChainConnection chain) {
        var file = properties.chain().deploymentFile();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("deployment file " + file.toAbsolutePath() + " not found "
                    + "(dirchain.coordinator.chain.deployment-file; written by the contract deployer)");
        }
        Deployment d = Deployment.read(file);
        if (d.chainId() != chain.chainId()) {
            throw new IllegalStateException("deployment file " + file + " is for chain " + d.chainId()
                    + " but " + chain.rpcUrl() + " serves chain " + chain.chainId());
        }
        return d;
    }

    @Bean(destroyMethod = "close")
    DirectoryIndexer directoryIndexer(ChainConnection chain, Deployment deployment, CoordinatorProperties properties) {
        CoordinatorProperties.Index i = properties.index();
        return new DirectoryIndexer(chain, deployment, i.confirmations(), i.batchBlocks());
    }

    @Bean
    DirectoryIndex directoryIndex(DirectoryIndexer indexer) {
        return indexer.index();
    }

    @Bean
    IndexFollower indexFollower(DirectoryIndexer indexer, ChainConnection chain, CoordinatorProperties properties) {
        return new IndexFollower(indexer, chain, properties.index());
    }
}
