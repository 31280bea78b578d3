package org.dirchain.coordinator.jobs;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedJob;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.coordinator.CoordinatorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps unfinished jobs from hanging: once at start and then every {@code recovery-interval}, each
 * job not SETTLED or FAILED is looked at against the ledger (as indexed) and the chain's clock (the
 * time of its latest block, which is what the contract compares the deadline with):
 * <ul>
 *   <li>past its deadline and still open on chain: expired through the outbox (fee refunded),
 *       whatever its state here, AGGREGATED included (the ledger no longer accepts its settlement);
 *   <li>closed on chain by someone else (the requester cancelled there, anyone expired it): failed
 *       here, the outbox step then only takes the ledger's status;
 *   <li>SUBMITTED or RUNNING with no orchestration in this process (left by a stopped coordinator):
 *       run again from the start. Asking a node twice is safe: its answer is the same plaintext
 *       under fresh encryption randomness, of which the coordinator keeps one — with differential
 *       privacy too, as a node resends the noisy partial it released for the job rather than
 *       drawing new noise (two noisy answers would reveal more than the budget allows).
 *   <li>a training job SUBMITTED or RUNNING with no training in this process: started, or resumed
 *       from its latest checkpoint ({@link TrainingJobRunner}); differentially private ones too, as
 *       the nodes give a round asked again the answer they gave before.
 * </ul>
 * Assumes one coordinator per database: "no orchestration in this process" means none anywhere.
 */
@Component
class JobRecovery implements DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(JobRecovery.class);
    private static final String AGGREGATE = "AGGREGATE";

    private final JobRepository jobs;
    private final JobOrchestrator orchestrator;
    private final TrainingJobRunner training;
    private final JobAggregation aggregation;
    private final DirectoryIndex index;
    private final ChainConnection chain;
    private final TransactionTemplate transaction;
    private final CoordinatorProperties.Jobs settings;
    private ScheduledExecutorService scheduler;

    JobRecovery(JobRepository jobs, JobOrchestrator orchestrator, TrainingJobRunner training, JobAggregation aggregation,
            DirectoryIndex index, ChainConnection chain, TransactionTemplate transaction, CoordinatorProperties properties) {
        this.jobs = jobs;
        this.orchestrator = orchestrator;
        this.training = training;
        this.aggregation = aggregation;
        this.index = index;
        this.chain = chain;
        this.transaction = transaction;
        this.settings = properties.jobs();
    }

    /** From the moment the coordinator serves: a pass at once, then one per interval. */
    @EventListener(ApplicationReadyEvent.class)
    synchronized void startPasses() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-recovery");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::passSafely, 0, settings.recoveryInterval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void destroy() throws InterruptedException {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            scheduler = null;
        }
    }

    private void passSafely() {
        try {
            pass();
        } catch (RuntimeException e) {
            LOG.warn("job recovery pass failed, next one in {}: {}", settings.recoveryInterval(), e.toString());
        }
    }

    /** One look at every unfinished job. */
    void pass() {
        List<JobRecord> unfinished = jobs.unfinishedJobs();
        if (unfinished.isEmpty()) {
            return;
        }
        Instant chainNow = chain.blockTime(chain.blockNumber());
        for (JobRecord job : unfinished) {
            IndexedJob onChain = index.job(job.id()).orElse(null);
            if (onChain == null) {
                continue; // not indexed yet: next pass
            }
            recover(job, onChain, chainNow);
        }
    }

    private void recover(JobRecord job, IndexedJob onChain, Instant chainNow) {
        boolean open = onChain.status() == JobStatus.SUBMITTED;
        if (open && chainNow.isAfter(onChain.deadline())) {
            transaction.executeWithoutResult(tx -> aggregation.expire(job.id(),
                    List.of(JobState.SUBMITTED, JobState.RUNNING, JobState.AGGREGATED),
                    "deadline " + onChain.deadline() + " passed before the job was settled; expired, fee refunded"));
            return;
        }
        if (job.status() == JobState.AGGREGATED) {
            return; // the outbox settles it, or takes the ledger's status if someone closed it there
        }
        if (!open) {
            aggregation.failWithoutContributions(job.id(), "closed on chain (" + onChain.status() + ")");
            return;
        }
        if (!AGGREGATE.equals(job.kind())) {
            if (!training.isLive(job.id())) {
                LOG.info("training job with no training in this process, {} job={}",
                        job.status() == JobState.SUBMITTED ? "starting it" : "resuming it", job.id());
                training.start(job.id());
            }
            return;
        }
        if (orchestrator.isLive(job.id())) {
            return; // being orchestrated here
        }
        if (job.status() == JobState.SUBMITTED) {
            LOG.info("orchestrating a job never started job={}", job.id());
            orchestrator.start(job.id());
        } else if (restartFromScratch(job.id())) {
            LOG.info("re-dispatching a job interrupted while its nodes were asked job={}", job.id());
            orchestrator.start(job.id());
        }
    }

    /** RUNNING back to SUBMITTED, its partial answers forgotten; false when it changed meanwhile. */
    private boolean restartFromScratch(long jobId) {
        return Boolean.TRUE.equals(transaction.execute(tx -> {
            boolean reset = jobs.updateJobIf(jobId, List.of(JobState.RUNNING), JobState.SUBMITTED,
                    "interrupted while its nodes were asked; asking them again", null);
            if (reset) {
                jobs.deleteContributions(jobId);
            }
            return reset;
        }));
    }
}
