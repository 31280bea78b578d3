package org.dirchain.coordinator.jobs;

import java.time.Duration;
import java.util.Set;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Role;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.dirchain.coordinator.chain.ChainWriter;
import org.dirchain.coordinator.web.ApiProblemException;
import org.dirchain.node.api.v1.TrainingSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Training jobs through the API: checked, submitted on chain as the requester, trained in the background. */
@Service
class TrainingJobService {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJobService.class);

    private final ChainWriter writer;
    private final TrainingRepository training;
    private final JobRepository jobRows;
    private final TrainingJobRunner runner;
    private final JobService jobs;

    TrainingJobService(ChainWriter writer, TrainingRepository training, JobRepository jobRows, TrainingJobRunner runner,
            JobService jobs) {
        this.writer = writer;
        this.training = training;
        this.jobRows = jobRows;
        this.runner = runner;
        this.jobs = jobs;
    }

    JobView submit(CallerOrganisation caller, TrainingJobRequestBody body) {
        if (!caller.has(Role.REQUESTER)) {
            throw ApiProblemException.forbidden("only a REQUESTER organisation submits jobs");
        }
        TrainingJobSpecs.CheckedTraining checked = TrainingJobSpecs.check(body);
        TrainingSpec spec = checked.spec();
        byte[] bytes = spec.toByteArray();
        Hash32 specHash = Hash32.keccak(bytes);
        JobSubmission submission = new JobSubmission(Set.of(TrainingJobSpecs.operation(spec)), specHash, body.grants(),
                checked.epsilonMilli(),
                body.quorum(), Duration.ofSeconds(body.timeoutSeconds()), TrainingJobSpecs.fee(body));
        long id = writer.writeAs(caller.orgId(), chain -> chain.jobs().submit(submission));
        jobRows.insertJob(id, caller.orgId(), TrainingJobSpecs.operation(spec).name(), bytes, specHash.hex());
        LOG.info("training job submitted job={} requester={} assets={} rounds={}", id, caller.orgId(),
                body.grants().size(), body.rounds());
        runner.start(id);
        return jobs.get(caller, id);
    }

    /** The stored per-round metrics as a JSON array; 404 for anyone who may not see the job. */
    String rounds(CallerOrganisation caller, long id) {
        jobs.get(caller, id); // visibility
        return "[" + String.join(",", training.rounds(id)) + "]";
    }
}
