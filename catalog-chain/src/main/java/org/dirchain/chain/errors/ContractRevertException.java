package org.dirchain.chain.errors;

import java.util.List;

/**
 * A contract refused a call or transaction with a custom error, decoded from its ABI. Subclasses in
 * {@link Reverts} name each error of the directory contracts, so callers can catch what they handle.
 */
public class ContractRevertException extends ChainException {
    private final String errorName;
    private final List<Object> arguments;

    public ContractRevertException(String errorName, List<Object> arguments) {
        super(errorName + (arguments.isEmpty() ? "" : arguments.toString()));
        this.errorName = errorName;
        this.arguments = List.copyOf(arguments);
    }

    /** The Solidity error name, e.g. {@code GrantExpired}. */
    public String errorName() {
        return errorName;
    }

    /** Decoded arguments: BigInteger for integers, String for addresses/strings, hex for bytes. */
    public List<Object> arguments() {
        return arguments;
    }
}
