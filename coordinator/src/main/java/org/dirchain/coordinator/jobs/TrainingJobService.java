package org.dirchain.coordinator.jobs;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.index.IndexedAsset;
import org.dirchain.chain.index.IndexedGrant;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Role;
import org.dirchain.coordinator.auth.CallerOrganisation;
import org.dirchain.coordinator.chain.ChainWriter;
import org.dirchain.coordinator.web.ApiProblemException;
import org.dirchain.coordinator.web.FieldProblem;
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
    private final DirectoryIndex index;
    private final JobPolicyCheck policies;

    TrainingJobService(ChainWriter writer, TrainingRepository training, JobRepository jobRows, TrainingJobRunner runner,
            JobService jobs, DirectoryIndex index, JobPolicyCheck policies) {
        this.policies = policies;
        this.index = index;
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
        requireOneAssetPerNode(body.grants());
        TrainingSpec spec = checked.spec();
        policies.training(caller.orgId(), body.grants(), spec, checked.epsilonMilli());
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

    /**
     * A node takes part in a secure sum once (its organisation is its participant index), so a
     * training job uses at most one asset per node organisation; grants the index does not know yet
     * are left to the ledger, which refuses unknown ones.
     */
    private void requireOneAssetPerNode(List<Long> grants) {
        Map<Long, Long> assetByNode = new HashMap<>();
        for (long grant : grants) {
            Long asset = index.grant(grant).map(IndexedGrant::assetId).orElse(null);
            Long node = asset == null ? null : index.asset(asset).map(IndexedAsset::nodeOrg).orElse(null);
            if (node != null && assetByNode.containsKey(node) && !assetByNode.get(node).equals(asset)) {
                throw ApiProblemException.invalid(List.of(new FieldProblem("grants", "assets " + assetByNode.get(node)
                        + " and " + asset + " are served by the same node organisation " + node
                        + ": a training job takes one asset per node")));
            }
            if (node != null) {
                assetByNode.put(node, asset);
            }
        }
    }

    /** The stored per-round metrics as a JSON array; 404 for anyone who may not see the job. */
    String rounds(CallerOrganisation caller, long id) {
        jobs.get(caller, id); // visibility
        return "[" + String.join(",", training.rounds(id)) + "]";
    }
}
