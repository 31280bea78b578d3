package org.dirchain.coordinator.jobs;

import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dirchain.coordinator.CoordinatorProperties;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.stereotype.Component;

/**
 * The bounded pool jobs are orchestrated on: {@code orchestration-threads} at once, up to 1000
 * waiting; beyond that a submission is refused rather than queued without end. On shutdown its
 * threads are interrupted before the node channels close ({@code @DependsOn}), so a job waiting
 * for its nodes is left RUNNING, to be asked again by the next start ({@link JobRecovery}), rather
 * than failed for nodes that seemed unreachable.
 */
@Component
@DependsOn("nodeChannels")
class JobExecutor implements Executor, DisposableBean {
    private static final int QUEUE = 1000;
    private final ThreadPoolExecutor pool;
    private final Set<Long> live = ConcurrentHashMap.newKeySet();

    JobExecutor(CoordinatorProperties properties) {
        int threads = properties.jobs().orchestrationThreads();
        AtomicInteger n = new AtomicInteger();
        pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "job-orchestration-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Override
    public void execute(Runnable command) {
        pool.execute(command);
    }

    /**
     * Queues a job's work unless it is queued or running in this process already (then nothing
     * happens).
     *
     * @return false when the pool is saturated and nothing was queued
     */
    boolean startOnce(long jobId, Runnable work) {
        if (!live.add(jobId)) {
            return true;
        }
        try {
            pool.execute(() -> {
                try {
                    work.run();
                } finally {
                    live.remove(jobId);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            live.remove(jobId);
            return false;
        }
    }

    /** Whether the job is queued or running in this process: {@link JobRecovery} leaves it alone. */
    boolean isLive(long jobId) {
        return live.contains(jobId);
    }

    /** True once the coordinator is stopping: a job interrupted now is left for the next start. */
    boolean isShuttingDown() {
        return pool.isShutdown();
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
