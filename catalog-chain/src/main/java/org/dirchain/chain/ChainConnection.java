package org.dirchain.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.dirchain.chain.errors.ChainException;
import org.dirchain.chain.tx.ContractAbis;
import org.dirchain.chain.tx.GasPriceOracle;
import org.dirchain.chain.tx.ManagedTransactionManager;
import org.dirchain.chain.tx.MinedTransaction;
import org.dirchain.chain.tx.ReceiptWaiter;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.http.HttpService;

/**
 * One JSON-RPC endpoint of the directory chain (anvil in development, a Besu node in production).
 * Hands out one {@link ManagedTransactionManager} per signing account, shared by every thread that
 * signs with that account, so nonces are managed in one place.
 */
public final class ChainConnection implements AutoCloseable {
    /** Receipt timeout and back-off cap; defaults fit both anvil and 2-5 s QBFT blocks. */
    public record Options(Duration receiptTimeout, Duration maxReceiptPause, Duration gasPriceRefresh) {
        public static Options defaults() {
            return new Options(Duration.ofMinutes(2), Duration.ofMillis(250), Duration.ofSeconds(30));
        }
    }

    private final String rpcUrl;
    private final Web3j web3j;
    private final long chainId;
    private final ContractAbis abis;
    private final ReceiptWaiter receipts;
    private final GasPriceOracle gasPrice;
    private final Map<String, ManagedTransactionManager> managers = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<MinedTransaction>> listeners = new CopyOnWriteArrayList<>();

    private ChainConnection(String rpcUrl, Options options) {
        this.rpcUrl = rpcUrl;
        this.web3j = Web3j.build(new HttpService(rpcUrl));
        try {
            this.chainId = web3j.ethChainId().send().getChainId().longValueExact();
        } catch (IOException | RuntimeException e) {
            web3j.shutdown();
            throw new ChainException("chain at " + rpcUrl + " does not answer: " + e.getMessage(), e);
        }
        this.abis = ContractAbis.load();
        this.receipts = new ReceiptWaiter(web3j, options.receiptTimeout(), options.maxReceiptPause());
        this.gasPrice = new GasPriceOracle(web3j, options.gasPriceRefresh());
    }

    public static ChainConnection open(String rpcUrl) {
        return new ChainConnection(rpcUrl, Options.defaults());
    }

    public static ChainConnection open(String rpcUrl, Options options) {
        return new ChainConnection(rpcUrl, options);
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    public long chainId() {
        return chainId;
    }

    /** The underlying client, for the few places (indexer, dev tools) that read raw chain data. */
    public Web3j web3j() {
        return web3j;
    }

    public ContractAbis abis() {
        return abis;
    }

    public ManagedTransactionManager transactionManager(Credentials signer) {
        return managers.computeIfAbsent(signer.getAddress(), a -> {
            ManagedTransactionManager m =
                    new ManagedTransactionManager(web3j, signer, chainId, abis, receipts, gasPrice);
            m.addListener(tx -> listeners.forEach(l -> l.accept(tx)));
            return m;
        });
    }

    /** Observes every successful transaction sent through this connection (metrics, benchmarks). */
    public void addListener(Consumer<MinedTransaction> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<MinedTransaction> listener) {
        listeners.remove(listener);
    }

    public long blockNumber() {
        try {
            return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new ChainException("cannot read block number: " + e.getMessage(), e);
        }
    }

    public Instant blockTime(long block) {
        try {
            EthBlock.Block b = web3j.ethGetBlockByNumber(
                    DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false).send().getBlock();
            return Instant.ofEpochSecond(b.getTimestamp().longValueExact());
        } catch (IOException e) {
            throw new ChainException("cannot read block " + block + ": " + e.getMessage(), e);
        }
    }

    public BigInteger balance(String address) {
        try {
            return web3j.ethGetBalance(address, org.web3j.protocol.core.DefaultBlockParameterName.LATEST)
                    .send()
                    .getBalance();
        } catch (IOException e) {
            throw new ChainException("cannot read balance of " + address + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
