package org.dirchain.chain.tx;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.dirchain.chain.errors.TransactionFailedException;
import org.web3j.protocol.Web3j;

/** The node's gas price, re-read at most once per refresh interval (0 on a gas-free Besu network). */
public final class GasPriceOracle {
    private record Quote(BigInteger price, long readAtNanos) {}

    private final Web3j web3j;
    private final long refreshNanos;
    private final AtomicReference<Quote> quote = new AtomicReference<>();

    public GasPriceOracle(Web3j web3j, Duration refresh) {
        this.web3j = web3j;
        this.refreshNanos = refresh.toNanos();
    }

    public BigInteger current() {
        Quote q = quote.get();
        long now = System.nanoTime();
        if (q == null || now - q.readAtNanos() > refreshNanos) {
            try {
                q = new Quote(web3j.ethGasPrice().send().getGasPrice(), now);
            } catch (IOException e) {
                throw new TransactionFailedException("cannot read gas price: " + e.getMessage(), e);
            }
            quote.set(q);
        }
        return q.price();
    }
}
