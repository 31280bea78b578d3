package org.dirchain.coordinator.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.errors.ContractRevertException;
import org.dirchain.chain.model.Attestation;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Job;
import org.dirchain.chain.model.JobStatus;
import org.dirchain.coordinator.CoordinatorProperties;
import org.dirchain.coordinator.chain.ChainWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox's chain writes as the operator organisation, one at a time, in the order they
 * were recorded (a job's ATTESTs before its SETTLE; a step that failed holds back the later steps of
 * its job until it is retried). Every step is idempotent against the chain, so a retry after a crash
 * between sending and marking DONE applies nothing twice: the job is read first (an asset that
 * already has a weight is attested; a job no longer SUBMITTED is settled or failed), and the
 * refusals {@code AlreadyAttested} and {@code JobNotOpen} count as done. After a SETTLE or FAIL the
 * job's status is taken from the chain.
 */
@Component
class OutboxProcessor implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxProcessor.class);
    private static final Set<String> ALREADY_DONE = Set.of("AlreadyAttested", "JobNotOpen");
    private static final int BATCH = 100;

    private final JobRepository jobs;
    private final ChainWriter writer;
    private final ObjectMapper json;
    private final Clock clock;
    private final CoordinatorProperties.Jobs settings;
    private ScheduledExecutorService scheduler;

    OutboxProcessor(JobRepository jobs, ChainWriter writer, ObjectMapper json, Clock clock,
            CoordinatorProperties properties) {
        this.jobs = jobs;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
        this.settings = properties.jobs();
    }

    @Override
    public synchronized void start() {
        if (!settings.outbox().enabled()) {
            LOG.info("outbox processor disabled: chain writes are recorded, not sent");
            return;
        }
        if (settings.operatorOrgId() == null) {
            LOG.warn("no operator organisation configured (dirchain.coordinator.jobs.operator-org-id): "
                    + "jobs will not be attested, settled or failed on chain");
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox");
            t.setDaemon(true);
            return t;
        });
        long every = settings.outbox().interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runSafely, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private void runSafely() {
        try {
            processPending();
        } catch (RuntimeException e) {
            LOG.error("outbox pass failed: {}", e.toString(), e);
        }
    }

    /** One pass over the pending steps; returns how many were completed. */
    int processPending() {
        Instant now = clock.instant();
        Set<Long> heldBack = new HashSet<>();
        int done = 0;
        for (OutboxStep step : jobs.pendingOutboxSteps(BATCH)) {
            if (heldBack.contains(step.jobId())) {
                continue;
            }
            if (step.nextAttemptAt() != null && step.nextAttemptAt().isAfter(now)) {
                heldBack.add(step.jobId());
                continue;
            }
            if (send(step)) {
                done++;
            } else {
                heldBack.add(step.jobId());
            }
        }
        return done;
    }

    private boolean send(OutboxStep step) {
        try {
            String note = writer.writeAs(settings.operatorOrgId(), chain -> perform(chain, step));
            jobs.outboxDone(step.id(), note);
            LOG.info("outbox step done id={} job={} kind={} {}", step.id(), step.jobId(), step.kind(), note);
            if (!OutboxStep.ATTEST.equals(step.kind())) {
                writer.writeAs(settings.operatorOrgId(), chain -> {
                    refreshStatus(step.jobId(), chain.jobs().job(step.jobId()));
                    return null;
                });
            }
            return true;
        } catch (RuntimeException e) {
            boolean giveUp = step.attempts() + 1 >= settings.outbox().maxAttempts();
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            jobs.outboxAttemptFailed(step.id(), error, giveUp, clock.instant().plus(settings.outbox().retryPause()));
            LOG.warn("outbox step attempt failed id={} job={} kind={} attempt={} giveUp={}: {}", step.id(),
                    step.jobId(), step.kind(), step.attempts() + 1, giveUp, error);
            if (giveUp) {
                jobs.job(step.jobId()).ifPresent(j -> jobs.updateJob(j.id(), j.status(), j.progress(),
                        step.kind() + " could not be sent to the chain: " + error));
            }
            return false;
        }
    }

    /** Performs one step unless the chain shows it already happened; returns what was done. */
    private String perform(DirectoryChain chain, OutboxStep step) {
        Job job = chain.jobs().job(step.jobId());
        JsonNode payload = read(step.payload());
        try {
            switch (step.kind()) {
                case OutboxStep.ATTEST -> {
                    int index = payload.path("assetIndex").asInt();
                    if (job.status() != JobStatus.SUBMITTED) {
                        return "skipped: job is " + job.status();
                    }
                    if (job.assets().get(index).weight() > 0) {
                        return "skipped: asset index " + index + " already attested";
                    }
                    chain.jobs().attest(new Attestation(step.jobId(), index, payload.path("assetId").asLong(),
                            new Hash32(payload.path("commitment").asText()), payload.path("weight").asLong(),
                            HexFormat.of().parseHex(payload.path("signature").asText().substring(2))));
                    return "attested asset index " + index;
                }
                case OutboxStep.SETTLE -> {
                    if (job.status() != JobStatus.SUBMITTED) {
                        return "skipped: job is " + job.status();
                    }
                    List<Long> contributions = new ArrayList<>();
                    payload.path("contributions").forEach(c -> contributions.add(c.asLong()));
                    chain.jobs().settle(step.jobId(), new Hash32(payload.path("resultHash").asText()), contributions);
                    return "settled";
                }
                case OutboxStep.FAIL -> {
                    if (job.status() != JobStatus.SUBMITTED) {
                        return "skipped: job is " + job.status();
                    }
                    if (payload.path("expire").asBoolean()) { // past the deadline: anyone may expire
                        chain.jobs().expire(step.jobId());
                        return "expired (fee refunded)";
                    }
                    chain.jobs().fail(step.jobId(), Hash32.keccak(payload.path("reason").asText()));
                    return "failed (fee refunded)";
                }
                default -> throw new IllegalStateException("unknown outbox step kind " + step.kind());
            }
        } catch (ContractRevertException e) {
            if (ALREADY_DONE.contains(e.errorName())) {
                return "already done on chain: " + e.errorName();
            }
            throw e;
        }
    }

    private void refreshStatus(long jobId, Job onChain) {
        jobs.job(jobId).ifPresent(j -> {
            switch (onChain.status()) {
                case SETTLED -> jobs.updateJob(jobId, JobState.SETTLED, j.progress() == null ? "settled on chain"
                        : j.progress().replace("settling on chain", "settled on chain"), null);
                case FAILED, TIMED_OUT -> jobs.updateJob(jobId, JobState.FAILED,
                        onChain.status() == JobStatus.TIMED_OUT ? "expired on chain, fee refunded"
                                : "failed on chain, fee refunded", j.error());
                default -> { }
            }
        });
    }

    private JsonNode read(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
