package org.dirchain.coordinator.jobs;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * On start, queues again the jobs an earlier run recorded but never got to orchestrate (still
 * SUBMITTED: no node was asked, so no noise was drawn). A job left RUNNING is not resumed: asking
 * its nodes again would draw differential-privacy noise twice.
 */
@Component
class UnstartedJobs {
    private static final Logger LOG = LoggerFactory.getLogger(UnstartedJobs.class);

    private final JobRepository jobs;
    private final JobOrchestrator orchestrator;

    UnstartedJobs(JobRepository jobs, JobOrchestrator orchestrator) {
        this.jobs = jobs;
        this.orchestrator = orchestrator;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        List<Long> unstarted = jobs.jobIdsIn(JobState.SUBMITTED);
        if (!unstarted.isEmpty()) {
            LOG.info("resuming jobs never orchestrated count={} jobs={}", unstarted.size(), unstarted);
            unstarted.forEach(orchestrator::start);
        }
        List<Long> interrupted = jobs.jobIdsIn(JobState.RUNNING);
        if (!interrupted.isEmpty()) {
            LOG.warn("jobs interrupted while their nodes were asked, not resumed (refunded on expiry) jobs={}",
                    interrupted);
        }
    }
}
