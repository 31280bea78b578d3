package org.dirchain.chain.model;

/** Sensitivity level of a data asset; its ordinal is the on-chain value. */
public enum Classification {
    PUBLIC,
    INTERNAL,
    CONFIDENTIAL,
    RESTRICTED;

    public static Classification ofLevel(int level) {
        if (level < 0 || level >= values().length) {
            throw new IllegalArgumentException("unknown classification level " + level);
        }
        return values()[level];
    }
}
