package org.dirchain.coordinator.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.dirchain.federated.Model;
import org.dirchain.federated.TrainingOutcome;
import org.dirchain.node.api.v1.TrainingSpec;

/**
 * A training job's result as the requester fetches it (and as its keccak256 is settled on chain):
 * the model on standardised features with the agreed standardiser, the same model on raw features,
 * and how training went. Each node's contribution (rows × rounds) is in the job view and on chain.
 */
record TrainingResult(long jobId, String model, List<String> features, String label, double[] coefficients,
        double intercept, double[] mean, double[] std, double[] rawCoefficients, double rawIntercept, int roundsRun,
        boolean converged, List<String> lastRoundParticipants) {

    static byte[] payload(ObjectMapper json, JobRecord job, TrainingSpec spec, TrainingOutcome outcome) {
        Model raw = outcome.standardiser().toRawScale(outcome.model());
        TrainingResult result = new TrainingResult(job.id(), spec.getKind().name(), spec.getFeaturesList(),
                spec.getLabel(), outcome.model().coefficients(), outcome.model().intercept(),
                outcome.standardiser().mean(), outcome.standardiser().std(), raw.coefficients(), raw.intercept(),
                outcome.roundsRun(), outcome.converged(), outcome.lastParticipants());
        try {
            return json.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
