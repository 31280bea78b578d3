package org.dirchain.chain.model;

/** Life cycle of an access grant; the on-chain value is {@link #code()}. */
public enum GrantStatus {
    REQUESTED(1),
    APPROVED(2),
    DENIED(3),
    REVOKED(4);

    private final int code;

    GrantStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static GrantStatus ofCode(int code) {
        for (GrantStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown grant status " + code);
    }
}
