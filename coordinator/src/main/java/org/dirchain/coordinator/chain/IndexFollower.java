package org.dirchain.coordinator.chain;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.index.DirectoryIndexer;
import org.dirchain.coordinator.CoordinatorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Keeps the {@link DirectoryIndexer} following the chain, and gives writes read-your-writes: after
 * a transaction, {@link #awaitChainHead()} waits until the index covers the block the chain was at
 * when the write returned, so the answer (and the client's next read) already shows the write.
 *
 * <p>On start the index is rebuilt from the deployment block before the application takes requests
 * (the index holds nothing the chain does not), then polled in the background.
 */
public final class IndexFollower implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(IndexFollower.class);
    private static final long FIRST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final DirectoryIndexer indexer;
    private final ChainConnection chain;
    private final CoordinatorProperties.Index settings;
    private volatile boolean running;

    IndexFollower(DirectoryIndexer indexer, ChainConnection chain, CoordinatorProperties.Index settings) {
        this.indexer = indexer;
        this.chain = chain;
        this.settings = settings;
    }

    @Override
    public void start() {
        long started = System.nanoTime();
        int events = indexer.catchUp();
        LOG.info("directory index built events={} block={} confirmations={} tookMs={}", events,
                indexer.index().block(), settings.confirmations(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        indexer.start(settings.pollInterval());
        running = true;
    }

    /** Before the web server (which starts in a later phase), so no request meets an empty index. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void stop() {
        indexer.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Waits until the index includes every block up to the current chain head: called right after a
     * write returns, that head is at or past the write's block.
     *
     * @return the head block the index now covers
     */
    public long awaitChainHead() {
        return awaitIndexed(chain.blockNumber());
    }

    /**
     * Waits until the index includes {@code block}, reading new blocks itself rather than waiting
     * for the next poll. With {@code confirmations > 0} that takes until the block is buried deep
     * enough; past {@code writeVisibilityTimeout} it gives up with {@link IndexLagException}.
     */
    public long awaitIndexed(long block) {
        long deadline = System.nanoTime() + settings.writeVisibilityTimeout().toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            indexer.catchUp();
            if (indexer.index().block() >= block) {
                return block;
            }
            if (System.nanoTime() > deadline) {
                throw new IndexLagException(block, indexer.index().block(), settings.confirmations());
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }
}
