package org.dirchain.coordinator.jobs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.dirchain.chain.model.Operation;
import org.dirchain.coordinator.web.ApiProblemException;
import org.dirchain.coordinator.web.FieldProblem;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.TrainingPlan;
import org.dirchain.node.api.v1.TrainingSpec;

/**
 * Turns a {@link TrainingJobRequestBody} into the {@link TrainingSpec} the nodes are sent (its hash
 * goes on chain), after the checks Bean Validation cannot express; and a stored spec back into the
 * round loop's {@link TrainingPlan}.
 */
final class TrainingJobSpecs {
    private TrainingJobSpecs() {}

    static TrainingSpec check(TrainingJobRequestBody body) {
        List<FieldProblem> problems = new ArrayList<>();
        if (new HashSet<>(body.grants()).size() != body.grants().size()) {
            problems.add(new FieldProblem("grants", "must not name a grant twice"));
        }
        if (body.quorum() > body.grants().size()) {
            problems.add(new FieldProblem("quorum", "must not exceed the number of grants (" + body.grants().size() + ")"));
        }
        if (new HashSet<>(body.features()).size() != body.features().size()) {
            problems.add(new FieldProblem("features", "must not list a column twice"));
        }
        if (body.features().contains(body.label())) {
            problems.add(new FieldProblem("label", "must not also be a feature"));
        }
        var filters = JobSpecs.filters(body.filters(), "filters", problems);
        if (!problems.isEmpty()) {
            throw ApiProblemException.invalid(problems);
        }
        return TrainingSpec.newBuilder()
                .setKind(body.model() == TrainingJobRequestBody.ModelKind.LOGISTIC
                        ? TrainingSpec.ModelKind.LOGISTIC : TrainingSpec.ModelKind.LINEAR)
                .addAllFeatures(body.features())
                .setLabel(body.label())
                .addAllFilters(filters)
                .setL2(orDefault(body.l2(), 0.0))
                .setRounds(body.rounds())
                .setLocalEpochs(orDefault(body.localEpochs(), 1))
                .setLearningRate(body.learningRate())
                .setBatchSize(orDefault(body.batchSize(), 0))
                .setTolerance(orDefault(body.tolerance(), 0.0))
                .setHoldoutFraction(orDefault(body.holdoutFraction(), 0.2))
                .setSplitSeed(orDefault(body.splitSeed(), 1L))
                .setMinParticipants(body.quorum())
                .build();
    }

    static Operation operation(TrainingSpec spec) {
        return spec.getKind() == TrainingSpec.ModelKind.LOGISTIC ? Operation.TRAIN_LOGISTIC : Operation.TRAIN_LINEAR;
    }

    static BigInteger fee(TrainingJobRequestBody body) {
        return new BigInteger(body.feeWei());
    }

    static TrainingPlan plan(TrainingSpec spec) {
        return new TrainingPlan(spec.getKind() == TrainingSpec.ModelKind.LOGISTIC ? ModelKind.LOGISTIC : ModelKind.LINEAR,
                spec.getFeaturesCount(), spec.getRounds(), spec.getTolerance(), spec.getMinParticipants(),
                spec.getLocalEpochs(), spec.getLearningRate(), spec.getBatchSize(), spec.getL2());
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
