package org.dirchain.node.policy;

/**
 * A query the asset's schema or its owner's release policy does not permit, naming the field of
 * the request that breaks it (e.g. {@code query.filters[1]}, {@code epsilon}, {@code clamps[0]}).
 * The coordinator answers it with a 400 before anything goes on chain; a node refuses with it.
 */
public final class PolicyViolation extends RuntimeException {
    private final String field;

    public PolicyViolation(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }

    @Override
    public String toString() {
        return field + ": " + getMessage();
    }
}
