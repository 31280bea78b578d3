package org.dirchain.chain.model;

/** Roles an organisation holds in the consortium (bits of {@code Consortium.roles}). */
public enum Role implements Flag {
    REGULATOR(1),
    PROVIDER(2),
    REQUESTER(4),
    NODE(8),
    OPERATOR(16);

    private final int bit;

    Role(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
