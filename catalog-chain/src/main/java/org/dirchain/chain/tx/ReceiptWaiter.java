package org.dirchain.chain.tx;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.dirchain.chain.errors.TransactionFailedException;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * Waits for a receipt by polling with exponential back-off: the first poll is immediate and the
 * interval grows from 1 ms to a cap, so a dev chain that mines in milliseconds answers in
 * milliseconds and a BFT chain with multi-second blocks is not hammered.
 */
public final class ReceiptWaiter {
    private static final long FIRST_PAUSE_NANOS = Duration.ofMillis(1).toNanos();

    private final Web3j web3j;
    private final Duration timeout;
    private final long maxPauseNanos;

    public ReceiptWaiter(Web3j web3j, Duration timeout, Duration maxPause) {
        this.web3j = web3j;
        this.timeout = timeout;
        this.maxPauseNanos = maxPause.toNanos();
    }

    public TransactionReceipt waitFor(String txHash) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            Optional<TransactionReceipt> receipt = poll(txHash);
            if (receipt.isPresent()) {
                return receipt.get();
            }
            if (System.nanoTime() + pause > deadline) {
                throw new TransactionFailedException(
                        "no receipt for " + txHash + " within " + timeout.toMillis() + " ms");
            }
            LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new TransactionFailedException("interrupted while waiting for " + txHash);
            }
            pause = Math.min(pause * 2, maxPauseNanos);
        }
    }

    private Optional<TransactionReceipt> poll(String txHash) {
        try {
            EthGetTransactionReceipt response = web3j.ethGetTransactionReceipt(txHash).send();
            if (response.hasError()) {
                throw new TransactionFailedException("receipt query failed: " + response.getError().getMessage());
            }
            return response.getTransactionReceipt();
        } catch (IOException e) {
            throw new TransactionFailedException("receipt query failed for " + txHash, e);
        }
    }
}
