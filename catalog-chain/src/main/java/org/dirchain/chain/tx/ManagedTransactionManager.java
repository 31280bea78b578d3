package org.dirchain.chain.tx;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.dirchain.chain.errors.ChainException;
import org.dirchain.chain.errors.TransactionFailedException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.utils.Numeric;

/**
 * Transaction manager for a server that sends from one account on many threads.
 *
 * <ul>
 *   <li>Every write is first estimated: a refusal surfaces as the contract's decoded error and no
 *       transaction (and no nonce) is spent on it.
 *   <li>Nonces come from a local counter; allocation and sending happen under one lock so nonces
 *       reach the node in order, while receipts are awaited concurrently outside it. A send that
 *       fails re-reads the pending nonce from the chain, so no gap is left behind.
 *   <li>Receipts are awaited with back-off ({@link ReceiptWaiter}); a transaction mined with a
 *       failure status is replayed as a call to recover its revert reason.
 * </ul>
 *
 * Legacy (EIP-155) transactions are sent: they run on anvil and on a gas-free Besu network alike.
 */
public final class ManagedTransactionManager extends RawTransactionManager {
    private static final BigInteger GAS_HEADROOM_NUM = BigInteger.valueOf(6);
    private static final BigInteger GAS_HEADROOM_DEN = BigInteger.valueOf(5);

    private final Web3j web3j;
    private final Credentials credentials;
    private final long chainId;
    private final RevertDecoder decoder;
    private final ContractAbis abis;
    private final ReceiptWaiter receipts;
    private final GasPriceOracle gasPrice;
    private final List<Consumer<MinedTransaction>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock sendLock = new ReentrantLock();
    private BigInteger nextNonce; // guarded by sendLock

    public ManagedTransactionManager(
            Web3j web3j,
            Credentials credentials,
            long chainId,
            ContractAbis abis,
            ReceiptWaiter receipts,
            GasPriceOracle gasPrice) {
        super(web3j, credentials, chainId);
        this.web3j = web3j;
        this.credentials = credentials;
        this.chainId = chainId;
        this.abis = abis;
        this.decoder = new RevertDecoder(abis);
        this.receipts = receipts;
        this.gasPrice = gasPrice;
    }

    public void addListener(Consumer<MinedTransaction> listener) {
        listeners.add(listener);
    }

    /** Estimates, signs, sends and waits: the receipt of a successful transaction, or a decoded error. */
    public TransactionReceipt execute(String to, String data, BigInteger value) {
        BigInteger gasLimit = estimate(to, data, value);
        String hash = send(to, data, value, gasLimit);
        TransactionReceipt receipt = receipts.waitFor(hash);
        if (!receipt.isStatusOK()) {
            throw replayFailure(to, data, value, receipt);
        }
        MinedTransaction mined = new MinedTransaction(hash, getFromAddress(), to,
                abis.functionName(data.length() >= 10 ? data.substring(0, 10) : "constructor"),
                receipt.getGasUsed(), receipt.getBlockNumber().longValueExact());
        listeners.forEach(l -> l.accept(mined));
        return receipt;
    }

    @Override
    protected TransactionReceipt executeTransaction(
            BigInteger gasPriceIgnored, BigInteger gasLimitIgnored, String to, String data, BigInteger value,
            boolean constructor) {
        return execute(constructor ? null : to, data, value == null ? BigInteger.ZERO : value);
    }

    @Override
    public EthSendTransaction sendTransaction(
            BigInteger gasPriceIgnored, BigInteger gasLimitIgnored, String to, String data, BigInteger value,
            boolean constructor) {
        String target = constructor ? null : to;
        String hash = send(target, data, value, estimate(target, data, value));
        EthSendTransaction response = new EthSendTransaction();
        response.setResult(hash);
        return response;
    }

    @Override
    public EthSendTransaction sendEIP1559Transaction(
            long chainIdIgnored, BigInteger maxPriorityFee, BigInteger maxFee, BigInteger gasLimit, String to,
            String data, BigInteger value, boolean constructor) {
        return sendTransaction(null, gasLimit, to, data, value, constructor);
    }

    /** Read-only call; a revert surfaces as its decoded contract error. */
    @Override
    public String sendCall(String to, String data, DefaultBlockParameter block) throws IOException {
        EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(getFromAddress(), to, data), block).send();
        if (call.hasError()) {
            throw failure("call to " + to, call.getError());
        }
        return call.getValue();
    }

    private BigInteger estimate(String to, String data, BigInteger value) {
        try {
            Transaction tx = to == null
                    ? Transaction.createContractTransaction(getFromAddress(), null, null, null, value, data)
                    : Transaction.createFunctionCallTransaction(getFromAddress(), null, null, null, to, value, data);
            EthEstimateGas estimate = web3j.ethEstimateGas(tx).send();
            if (estimate.hasError()) {
                throw failure("transaction to " + to, estimate.getError());
            }
            return estimate.getAmountUsed().multiply(GAS_HEADROOM_NUM).divide(GAS_HEADROOM_DEN);
        } catch (IOException e) {
            throw new TransactionFailedException("gas estimation failed: " + e.getMessage(), e);
        }
    }

    private String send(String to, String data, BigInteger value, BigInteger gasLimit) {
        BigInteger price = gasPrice.current();
        sendLock.lock();
        try {
            for (int attempt = 0; ; attempt++) {
                if (nextNonce == null) {
                    nextNonce = pendingNonce();
                }
                RawTransaction raw = to == null
                        ? RawTransaction.createContractTransaction(nextNonce, price, gasLimit, value, data)
                        : RawTransaction.createTransaction(nextNonce, price, gasLimit, to, value, data);
                String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, credentials));
                EthSendTransaction sent = web3j.ethSendRawTransaction(signed).send();
                if (!sent.hasError()) {
                    nextNonce = nextNonce.add(BigInteger.ONE);
                    return sent.getTransactionHash();
                }
                nextNonce = null; // nothing was spent: re-read the chain's view before the next send
                String message = sent.getError().getMessage();
                if (attempt == 0 && message.toLowerCase(Locale.ROOT).contains("nonce")) {
                    continue;
                }
                throw new TransactionFailedException("node refused transaction: " + message);
            }
        } catch (IOException e) {
            nextNonce = null;
            throw new TransactionFailedException("sending transaction failed: " + e.getMessage(), e);
        } finally {
            sendLock.unlock();
        }
    }

    private BigInteger pendingNonce() throws IOException {
        return web3j.ethGetTransactionCount(getFromAddress(), DefaultBlockParameterName.PENDING)
                .send()
                .getTransactionCount();
    }

    private ChainException replayFailure(String to, String data, BigInteger value, TransactionReceipt receipt) {
        String context = "transaction " + receipt.getTransactionHash() + " failed in block " + receipt.getBlockNumber();
        try {
            BigInteger before = receipt.getBlockNumber().subtract(BigInteger.ONE).max(BigInteger.ZERO);
            Transaction tx = Transaction.createFunctionCallTransaction(
                    getFromAddress(), null, null, null, to, value, data);
            EthCall call = web3j.ethCall(tx, DefaultBlockParameter.valueOf(before)).send();
            if (call.hasError()) {
                return failure(context, call.getError());
            }
        } catch (IOException e) {
            return new TransactionFailedException(context + " (replay failed: " + e.getMessage() + ")", e);
        }
        return new TransactionFailedException(context + " (status " + receipt.getStatus() + ", gas used "
                + receipt.getGasUsed() + ")");
    }

    private ChainException failure(String context, Response.Error error) {
        return decoder.decode(error.getData())
                .<ChainException>map(e -> e)
                .orElseGet(() -> new TransactionFailedException(context + " rejected: " + error.getMessage()));
    }
}
