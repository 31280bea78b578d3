package org.dirchain.chain.model;

/** Operations an asset allows and a grant permits (bits of {@code DataCatalog.OP_*}). */
public enum Operation implements Flag {
    COUNT(1),
    SUM(2),
    MEAN(4),
    VARIANCE(8),
    HISTOGRAM(16),
    TRAIN_LINEAR(32),
    TRAIN_LOGISTIC(64);

    private final int bit;

    Operation(int bit) {
        this.bit = bit;
    }

    @Override
    public int bit() {
        return bit;
    }
}
