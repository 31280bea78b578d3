package org.dirchain.chain.errors;

/** A transaction could not be sent or mined and no contract error explains why. */
public class TransactionFailedException extends ChainException {
    public TransactionFailedException(String message) {
        super(message);
    }

    public TransactionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
