package org.dirchain.chain.errors;

/** Input refused in Java before any transaction is sent. {@link #field()} names the offending field. */
public class InvalidInputException extends ChainException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
