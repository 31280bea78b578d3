package org.dirchain.chain.errors;

/** Base of every failure the directory-chain client reports. */
public class ChainException extends RuntimeException {
    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
