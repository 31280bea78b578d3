package org.dirchain.chain.index;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.chain.errors.ChainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Follows the directory contracts' event logs into a {@link DirectoryIndex}. Only blocks at least
 * {@code confirmations} deep are read, so on a chain that can reorganise nothing that may vanish is
 * indexed (on QBFT, with immediate finality, 0 is safe). The index is rebuilt from the deployment
 * block on start: it holds no state the chain does not, so a restart gives the same index.
 */
public final class DirectoryIndexer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryIndexer.class);

    private final ChainConnection chain;
    private final Deployment deployment;
    private final int confirmations;
    private final int batchBlocks;
    private final DirectoryIndex index = new DirectoryIndex();
    private final EventApplier applier = new EventApplier(index);
    private long processed;
    private ScheduledExecutorService poller;

    public DirectoryIndexer(ChainConnection chain, Deployment deployment, int confirmations, int batchBlocks) {
        if (confirmations < 0 || batchBlocks < 1) {
            throw new IllegalArgumentException("confirmations must be >= 0 and batchBlocks >= 1");
        }
        this.chain = chain;
        this.deployment = deployment;
        this.confirmations = confirmations;
        this.batchBlocks = batchBlocks;
        this.processed = deployment.deploymentBlock() - 1;
    }

    public DirectoryIndex index() {
        return index;
    }

    /** Reads every confirmed block not yet indexed; returns how many events were applied. */
    public synchronized int catchUp() {
        long safe = chain.blockNumber() - confirmations;
        int applied = 0;
        while (processed < safe) {
            long from = processed + 1;
            long to = Math.min(safe, from + batchBlocks - 1);
            List<Log> logs = fetch(from, to);
            logs.forEach(applier::apply);
            applied += logs.size();
            processed = to;
            index.advanceTo(to);
        }
        return applied;
    }

    /** Polls in the background; failures are logged and retried at the next tick. */
    public synchronized void start(Duration interval) {
        if (poller != null) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "directory-indexer");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(() -> {
            try {
                int n = catchUp();
                if (n > 0) {
                    LOG.debug("indexed events={} block={}", n, index.block());
                }
            } catch (RuntimeException e) {
                LOG.warn("indexer poll failed, retrying: {}", e.getMessage());
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private List<Log> fetch(long from, long to) {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), List.of(deployment.consortium(),
                        deployment.dataCatalog(), deployment.accessGrants(), deployment.jobLedger()));
        try {
            EthLog response = chain.web3j().ethGetLogs(filter).send();
            if (response.hasError()) {
                throw new ChainException("eth_getLogs " + from + ".." + to + " failed: "
                        + response.getError().getMessage());
            }
            return response.getLogs().stream().map(r -> (Log) r.get()).toList();
        } catch (IOException e) {
            throw new ChainException("eth_getLogs " + from + ".." + to + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }
}
