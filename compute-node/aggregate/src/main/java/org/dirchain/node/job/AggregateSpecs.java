package org.dirchain.node.job;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dirchain.chain.model.Operation;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.api.v1.Clamp;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.Filter;
import org.dirchain.node.query.GroupBy;
import org.dirchain.node.query.InvalidQueryException;
import org.dirchain.node.query.Measure;
import org.dirchain.node.query.Operator;

/** Maps the wire spec ({@link AggregateSpec}) to the node's query model, and back. */
public final class AggregateSpecs {
    private AggregateSpecs() {}

    public static AggregateQuery toQuery(AggregateSpec spec) {
        var q = spec.getQuery();
        AggregateQuery.Builder b = AggregateQuery.builder()
                .scale(spec.getFixedPointScale() == 0 ? AggregateQuery.DEFAULT_SCALE : spec.getFixedPointScale());
        for (var f : q.getFiltersList()) {
            b.where(filter(f));
        }
        if (!q.getGroupBy().isEmpty()) {
            b.groupBy(new GroupBy(q.getGroupBy(), List.copyOf(q.getGroupsList())));
        }
        for (var m : q.getMeasuresList()) {
            b.measure(measure(m));
        }
        return b.build();
    }

    /** The ledger operations a spec needs: the job must have been recorded for all of them. */
    public static Set<Operation> operations(AggregateSpec spec) {
        Set<Operation> ops = EnumSet.noneOf(Operation.class);
        for (var m : spec.getQuery().getMeasuresList()) {
            ops.add(switch (m.getKind()) {
                case COUNT -> Operation.COUNT;
                case SUM -> Operation.SUM;
                case MEAN -> Operation.MEAN;
                case VARIANCE -> Operation.VARIANCE;
                case HISTOGRAM -> Operation.HISTOGRAM;
                default -> throw new InvalidQueryException("measure kind " + m.getKind() + " is not supported");
            });
        }
        return ops;
    }

    /** Clamping bounds by column; each must be finite with lower ≤ upper. */
    public static Map<String, BigDecimal[]> clamps(AggregateSpec spec) {
        return clamps(spec.getClampsList());
    }

    /** Bounds by column, in the order given (an aggregate spec's clamps, a training spec's DP bounds). */
    public static Map<String, BigDecimal[]> clamps(List<Clamp> clamps) {
        Map<String, BigDecimal[]> out = new LinkedHashMap<>();
        for (Clamp c : clamps) {
            if (!Double.isFinite(c.getLower()) || !Double.isFinite(c.getUpper()) || c.getLower() > c.getUpper()) {
                throw new InvalidQueryException("clamp of column '" + c.getColumn() + "' must have finite lower <= upper");
            }
            if (out.put(c.getColumn(), new BigDecimal[] {BigDecimal.valueOf(c.getLower()),
                    BigDecimal.valueOf(c.getUpper())}) != null) {
                throw new InvalidQueryException("column '" + c.getColumn() + "' is clamped twice");
            }
        }
        return out;
    }

    /** A wire filter as the node's filter; shared by aggregate and training specs. */
    public static Filter filter(org.dirchain.node.api.v1.Filter f) {
        return new Filter(f.getColumn(), operator(f.getOp()), List.copyOf(f.getValuesList()));
    }

    private static Operator operator(org.dirchain.node.api.v1.Filter.Op op) {
        return switch (op) {
            case EQ -> Operator.EQ;
            case NE -> Operator.NE;
            case LT -> Operator.LT;
            case LE -> Operator.LE;
            case GT -> Operator.GT;
            case GE -> Operator.GE;
            case BETWEEN -> Operator.BETWEEN;
            case IN -> Operator.IN;
            default -> throw new InvalidQueryException("filter operator " + op + " is not supported");
        };
    }

    private static Measure measure(org.dirchain.node.api.v1.Measure m) {
        return switch (m.getKind()) {
            case COUNT -> Measure.count();
            case SUM -> Measure.sum(m.getColumn());
            case MEAN -> Measure.mean(m.getColumn());
            case VARIANCE -> Measure.variance(m.getColumn());
            case HISTOGRAM -> {
                List<String> edges = new ArrayList<>();
                m.getBucketEdgesList().forEach(e -> edges.add(BigDecimal.valueOf(e).stripTrailingZeros().toPlainString()));
                yield Measure.histogram(m.getColumn(), edges.toArray(String[]::new));
            }
            default -> throw new InvalidQueryException("measure kind " + m.getKind() + " is not supported");
        };
    }
}
