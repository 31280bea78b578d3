package org.dirchain.coordinator.chain;

/**
 * A write was mined, but the index did not reach its block in time (it reads only blocks buried
 * {@code confirmations} deep). The write stands; it becomes visible once the block is confirmed.
 */
public final class IndexLagException extends RuntimeException {
    private final long writtenBlock;
    private final long indexedBlock;

    public IndexLagException(long writtenBlock, long indexedBlock, int confirmations) {
        super("the write was mined by block " + writtenBlock + "; the index is at block " + indexedBlock
                + " and serves blocks " + confirmations + " deep, so it will show the write shortly");
        this.writtenBlock = writtenBlock;
        this.indexedBlock = indexedBlock;
    }

    public long writtenBlock() {
        return writtenBlock;
    }

    public long indexedBlock() {
        return indexedBlock;
    }
}
