package org.dirchain.coordinator.jobs;

import java.util.List;
import org.dirchain.federated.Model;
import org.dirchain.federated.Standardiser;
import org.dirchain.federated.TrainingCheckpoint;

/**
 * A {@link TrainingCheckpoint} as stored (JSON in {@code training_checkpoints}): the agreed scaling,
 * the global model and who takes part — sums and public parameters only, nothing of one node. Doubles
 * are written in their shortest exact form, so a resumed job continues from the very same model.
 */
record StoredCheckpoint(int round, double[] mean, double[] std, double[] coefficients, double intercept,
        List<String> active, List<String> lastParticipants, boolean converged) {

    static StoredCheckpoint of(TrainingCheckpoint c) {
        return new StoredCheckpoint(c.round(), c.standardiser().mean(), c.standardiser().std(), c.model().coefficients(),
                c.model().intercept(), c.active(), c.lastParticipants(), c.converged());
    }

    TrainingCheckpoint toCheckpoint() {
        return new TrainingCheckpoint(round, new Standardiser(mean, std), new Model(coefficients, intercept), active,
                lastParticipants, converged);
    }
}
