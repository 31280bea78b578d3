package org.dirchain.coordinator.jobs;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.model.Operation;
import org.dirchain.coordinator.web.ApiProblemException;
import org.dirchain.coordinator.web.FieldProblem;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.TrainingPlan;
import org.dirchain.node.api.v1.Clamp;
import org.dirchain.node.api.v1.TrainingSpec;

/**
 * Turns a {@link TrainingJobRequestBody} into the {@link TrainingSpec} the nodes are sent (its hash
 * goes on chain), after the checks Bean Validation cannot express; and a stored spec back into the
 * round loop's {@link TrainingPlan}.
 */
final class TrainingJobSpecs {
    private TrainingJobSpecs() {}

    /** A training job ready to submit: the spec and the epsilon the ledger charges each grant. */
    record CheckedTraining(TrainingSpec spec, long epsilonMilli) {}

    static CheckedTraining check(TrainingJobRequestBody body) {
        List<FieldProblem> problems = new ArrayList<>();
        long epsilonMilli = JobSpecs.epsilonMilli(body.epsilon(), problems);
        if (epsilonMilli > 0) {
            privacyProblems(body, problems);
        }
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
        TrainingSpec.Builder spec = TrainingSpec.newBuilder()
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
                .setMinParticipants(body.quorum());
        if (epsilonMilli > 0) {
            spec.setDpClipNorm(body.dpClipNorm()).setDpDelta(body.dpDelta());
            body.dpBounds().forEach(b -> spec.addDpBounds(Clamp.newBuilder().setColumn(b.column()).setLower(b.lower())
                    .setUpper(b.upper())));
        }
        return new CheckedTraining(spec.build(), epsilonMilli);
    }

    private static void privacyProblems(TrainingJobRequestBody body, List<FieldProblem> problems) {
        if (body.dpClipNorm() == null) {
            problems.add(new FieldProblem("dpClipNorm", "is required when epsilon > 0"));
        }
        if (body.dpDelta() == null) {
            problems.add(new FieldProblem("dpDelta", "is required when epsilon > 0"));
        }
        if (body.batchSize() != null && body.batchSize() != 0) {
            problems.add(new FieldProblem("batchSize", "must be 0 (full batch) when epsilon > 0"));
        }
        Set<String> bounded = new HashSet<>();
        List<JobRequestBody.ClampBody> bounds = body.dpBounds() == null ? List.of() : body.dpBounds();
        for (int i = 0; i < bounds.size(); i++) {
            if (!(bounds.get(i).lower() < bounds.get(i).upper())) {
                problems.add(new FieldProblem("dpBounds[" + i + "]", "lower must be below upper"));
            }
            if (!bounded.add(bounds.get(i).column())) {
                problems.add(new FieldProblem("dpBounds[" + i + "]", "bounds '" + bounds.get(i).column() + "' twice"));
            }
        }
        List<String> needed = new ArrayList<>(body.features());
        if (body.model() == TrainingJobRequestBody.ModelKind.LINEAR) {
            needed.add(body.label());
        }
        needed.stream().filter(c -> !bounded.contains(c)).forEach(c -> problems.add(new FieldProblem("dpBounds",
                "column '" + c + "' needs bounds when epsilon > 0")));
    }

    static Operation operation(TrainingSpec spec) {
        return spec.getKind() == TrainingSpec.ModelKind.LOGISTIC ? Operation.TRAIN_LOGISTIC : Operation.TRAIN_LINEAR;
    }

    static BigInteger fee(TrainingJobRequestBody body) {
        return new BigInteger(body.feeWei());
    }

    /** The round loop's plan; a job with privacy settings releases no hold-out metrics. */
    static TrainingPlan plan(TrainingSpec spec) {
        return new TrainingPlan(spec.getKind() == TrainingSpec.ModelKind.LOGISTIC ? ModelKind.LOGISTIC : ModelKind.LINEAR,
                spec.getFeaturesCount(), spec.getRounds(), spec.getTolerance(), spec.getMinParticipants(),
                spec.getLocalEpochs(), spec.getLearningRate(), spec.getBatchSize(), spec.getL2(),
                spec.getDpClipNorm() == 0);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}
