package org.dirchain.node.federation;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.model.Operation;
import org.dirchain.federated.InvalidTrainingSpecException;
import org.dirchain.federated.Model;
import org.dirchain.federated.ModelKind;
import org.dirchain.federated.RoundConfig;
import org.dirchain.federated.StageRequest;
import org.dirchain.federated.Standardiser;
import org.dirchain.node.api.v1.SecureSumSession;
import org.dirchain.node.api.v1.StageInput;
import org.dirchain.node.job.AggregateSpecs;
import org.dirchain.node.privacy.DpTraining;
import org.dirchain.node.query.InvalidQueryException;
import org.dirchain.node.train.TrainingSpec;
import org.dirchain.node.verify.Refusal;

/** Maps the wire training spec and stage inputs to the node's training model; malformed input is a refusal. */
public final class TrainingSpecs {
    /** A secure sum over one node would be that node's vector. */
    public static final int MIN_PARTICIPANTS = 2;

    private TrainingSpecs() {}

    public static org.dirchain.node.api.v1.TrainingSpec parse(byte[] bytes) {
        try {
            return org.dirchain.node.api.v1.TrainingSpec.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw Refusal.invalid("spec is not a valid TrainingSpec: " + e.getMessage());
        }
    }

    public static TrainingSpec toSpec(org.dirchain.node.api.v1.TrainingSpec wire) {
        try {
            if (wire.getMinParticipants() < MIN_PARTICIPANTS) {
                throw new InvalidTrainingSpecException("min participants must be >= " + MIN_PARTICIPANTS
                        + " (a secure sum over one node is that node's vector), got " + wire.getMinParticipants());
            }
            return new TrainingSpec(kind(wire.getKind()), wire.getFeaturesList(), wire.getLabel(),
                    wire.getFiltersList().stream().map(AggregateSpecs::filter).toList(), wire.getL2(),
                    wire.getRounds(), wire.getLocalEpochs(), wire.getLearningRate(), wire.getBatchSize(),
                    wire.getTolerance(), wire.getHoldoutFraction(), wire.getSplitSeed());
        } catch (InvalidTrainingSpecException | InvalidQueryException e) {
            throw Refusal.invalid("training spec: " + e.getMessage());
        }
    }

    /**
     * The privacy parameters of a job whose on-chain epsilon is {@code epsilon}: the spec must give a
     * clip norm, a delta, full batch and bounds for every feature (and a LINEAR label).
     */
    public static DpTraining privacy(org.dirchain.node.api.v1.TrainingSpec wire, TrainingSpec spec, double epsilon) {
        Map<String, double[]> bounds = new HashMap<>();
        for (var c : wire.getDpBoundsList()) {
            if (bounds.put(c.getColumn(), new double[] {c.getLower(), c.getUpper()}) != null) {
                throw Refusal.invalid("training spec: bounds for '" + c.getColumn() + "' are given twice");
            }
        }
        List<String> needed = new ArrayList<>(spec.features());
        if (spec.kind() == ModelKind.LINEAR) {
            needed.add(spec.label());
        }
        for (String column : needed) {
            if (!bounds.containsKey(column)) {
                throw Refusal.invalid("training spec: the job carries an epsilon, so column '" + column
                        + "' needs bounds (dp_bounds)");
            }
        }
        if (spec.batchSize() != TrainingSpec.FULL_BATCH) {
            throw Refusal.invalid("training spec: differentially private training runs full batch (batch size 0)");
        }
        try {
            return new DpTraining(epsilon, wire.getDpDelta(), wire.getDpClipNorm(), bounds,
                    spec.rounds() * spec.localEpochs());
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("training spec: " + e.getMessage());
        }
    }

    /** The ledger operation a spec needs. */
    public static Operation operation(TrainingSpec spec) {
        return spec.kind() == ModelKind.LOGISTIC ? Operation.TRAIN_LOGISTIC : Operation.TRAIN_LINEAR;
    }

    /** The stage a session asks for, with the global state it starts from. */
    public static StageRequest stageRequest(SecureSumSession session, StageInput in, TrainingSpec spec) {
        try {
            return switch (session.getStage()) {
                case MOMENTS -> StageRequest.moments();
                case FIT -> StageRequest.fit(new RoundConfig(session.getRound(), in.getLocalEpochs(),
                        in.getLearningRate(), in.getBatchSize(), in.getL2()), standardiser(in, spec), model(in, spec));
                case EVALUATE -> StageRequest.evaluate(session.getRound(), standardiser(in, spec), model(in, spec));
                default -> throw new IllegalArgumentException("unknown stage " + session.getStage());
            };
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("stage input of job " + session.getJobId() + ": " + e.getMessage());
        }
    }

    private static Standardiser standardiser(StageInput in, TrainingSpec spec) {
        requireDimension("standardiser", in.getMeanCount(), spec);
        return new Standardiser(in.getMeanList().stream().mapToDouble(Double::doubleValue).toArray(),
                in.getStdList().stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static Model model(StageInput in, TrainingSpec spec) {
        requireDimension("model", in.getCoefficientsCount(), spec);
        return new Model(in.getCoefficientsList().stream().mapToDouble(Double::doubleValue).toArray(), in.getIntercept());
    }

    private static void requireDimension(String what, int got, TrainingSpec spec) {
        if (got != spec.dimension()) {
            throw new IllegalArgumentException(what + " has " + got + " features, the spec " + spec.dimension());
        }
    }

    private static ModelKind kind(org.dirchain.node.api.v1.TrainingSpec.ModelKind kind) {
        return switch (kind) {
            case LOGISTIC -> ModelKind.LOGISTIC;
            case LINEAR -> ModelKind.LINEAR;
            default -> throw new InvalidTrainingSpecException("model kind is missing (LOGISTIC or LINEAR)");
        };
    }
}
