package org.dirchain.node.policy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.model.ReleasePolicy;
import org.dirchain.node.data.ColumnType;
import org.dirchain.node.data.Numbers;
import org.dirchain.node.data.TableSchema;
import org.dirchain.node.query.AggregateQuery;
import org.dirchain.node.query.Filter;
import org.dirchain.node.query.Measure;
import org.dirchain.node.query.MeasureKind;
import org.dirchain.node.query.Operator;

/**
 * What an asset's schema and release policy permit a query to ask. Identifiers are never grouped
 * on, filtered by or measured; quasi-identifiers are never grouped on nor filtered by EQ, NE or IN,
 * and take range filters only where the policy allows; grouping is by TEXT, or by INTEGER where the
 * policy allows; a query releases at most {@code maxCells} groups, and groups × buckets of any
 * histogram; under the policy's epsilon rules; and clamping bounds must be exact in the column's
 * type (an INTEGER column takes integer bounds), so that the sensitivity the noise is scaled to is
 * the one the rows really have. Every check names the request field it refuses.
 */
public final class ReleaseRules {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final TableSchema schema;
    private final ReleasePolicy policy;
    private final long assetId;

    public ReleaseRules(TableSchema schema, ReleasePolicy policy, long assetId) {
        this.schema = schema;
        this.policy = policy;
        this.assetId = assetId;
    }

    /**
     * @param clamps clamping bounds by column, in the order of the request's {@code clamps}
     * @throws PolicyViolation naming the first field that breaks a rule
     */
    public void checkAggregate(AggregateQuery query, Map<String, BigDecimal[]> clamps, long epsilonMilli) {
        checkEpsilon(epsilonMilli);
        checkFilters(query.filters(), "query.filters");
        if (query.groupBy() != null) {
            checkGroupBy(query.groupBy().column(), query.groupBy().keys());
        }
        for (int i = 0; i < query.measures().size(); i++) {
            checkMeasure(query.measures().get(i), query.groupCount(), "query.measures[" + i + "]", epsilonMilli);
        }
        checkClamps(clamps);
    }

    /** A training job: its features, label and filters, and its epsilon. */
    public void checkTraining(List<String> features, String label, List<Filter> filters,
            Map<String, BigDecimal[]> bounds, long epsilonMilli) {
        checkEpsilon(epsilonMilli);
        for (int i = 0; i < features.size(); i++) {
            notIdentifier(features.get(i), "features[" + i + "]", "used as a feature");
        }
        notIdentifier(label, "label", "used as the label");
        checkFilters(filters, "filters");
        checkClamps(bounds);
    }

    private void checkEpsilon(long epsilonMilli) {
        if (epsilonMilli == 0) {
            if (policy.dpRequired()) {
                throw new PolicyViolation("epsilon", "asset " + assetId + " requires differential privacy: epsilon "
                        + "must be in [" + eps(policy.minEpsilonMilli()) + ", " + eps(policy.maxEpsilonMilli()) + "]");
            }
            return;
        }
        if (epsilonMilli < policy.minEpsilonMilli() || epsilonMilli > policy.maxEpsilonMilli()) {
            throw new PolicyViolation("epsilon", "asset " + assetId + " takes epsilon in ["
                    + eps(policy.minEpsilonMilli()) + ", " + eps(policy.maxEpsilonMilli()) + "] per job, not "
                    + eps(epsilonMilli));
        }
    }

    private void checkFilters(List<Filter> filters, String field) {
        for (int i = 0; i < filters.size(); i++) {
            Filter f = filters.get(i);
            String at = field + "[" + i + "]";
            int position = position(f.column(), at);
            ColumnType type = schema.column(position).type();
            if (type == ColumnType.TEXT && f.op().numericOnly()) {
                throw new PolicyViolation(at, f.op() + " compares numbers, but '" + f.column() + "' is TEXT");
            }
            if (type != ColumnType.TEXT && f.op().textOnly()) {
                throw new PolicyViolation(at, f.op() + " is for TEXT columns, but '" + f.column() + "' is " + type);
            }
            if (type != ColumnType.TEXT) {
                f.values().stream().filter(v -> !Numbers.isDecimal(v)).findFirst().ifPresent(v -> {
                    throw new PolicyViolation(at, "'" + v + "' is not a number (column '" + f.column() + "' is "
                            + type + ")");
                });
            }
            if (policy.identifierColumns().contains(position)) {
                throw new PolicyViolation(at, "'" + f.column() + "' is an identifier of asset " + assetId
                        + ": it cannot be filtered on");
            }
            if (policy.quasiIdentifierColumns().contains(position)) {
                boolean range = f.op() != Operator.EQ && f.op() != Operator.NE && f.op() != Operator.IN;
                if (!range) {
                    throw new PolicyViolation(at, "'" + f.column() + "' is a quasi-identifier of asset " + assetId
                            + ": it takes no " + f.op() + " filter" + (policy.quasiIdentifierRanges()
                                    ? " (range filters LT, LE, GT, GE, BETWEEN only)" : ""));
                }
                if (!policy.quasiIdentifierRanges()) {
                    throw new PolicyViolation(at, "'" + f.column() + "' is a quasi-identifier of asset " + assetId
                            + ", whose policy allows no filter on it");
                }
                if (f.op() == Operator.BETWEEN && new BigDecimal(f.values().get(0))
                        .compareTo(new BigDecimal(f.values().get(1))) == 0) {
                    throw new PolicyViolation(at, "'" + f.column() + "' is a quasi-identifier of asset " + assetId
                            + ": BETWEEN one value is an EQ filter");
                }
            }
        }
    }

    private void checkGroupBy(String column, List<String> keys) {
        int position = position(column, "query.groupBy");
        if (policy.isProtected(position)) {
            throw new PolicyViolation("query.groupBy", "'" + column + "' is an identifier or quasi-identifier of asset "
                    + assetId + ": it cannot be grouped on");
        }
        ColumnType type = schema.column(position).type();
        if (type == ColumnType.DECIMAL || (type == ColumnType.INTEGER && !policy.integerGroups())) {
            throw new PolicyViolation("query.groupBy", "'" + column + "' is " + type + "; asset " + assetId
                    + " can be grouped by TEXT columns" + (policy.integerGroups() ? " and INTEGER columns" : ""));
        }
        if (type == ColumnType.INTEGER) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String k : keys) {
                String canonical = Numbers.canonicalInteger(k);
                if (canonical == null) {
                    throw new PolicyViolation("query.groups", "'" + k + "' is not an integer (column '" + column
                            + "' is INTEGER)");
                }
                if (!seen.add(canonical)) {
                    throw new PolicyViolation("query.groups", "'" + k + "' names a value listed before");
                }
            }
        }
        if (keys.size() > policy.maxCells()) {
            throw new PolicyViolation("query.groups", keys.size() + " groups; asset " + assetId + " releases at most "
                    + policy.maxCells() + " cells per query");
        }
    }

    private void checkMeasure(Measure m, int groups, String at, long epsilonMilli) {
        if (m.kind() == MeasureKind.COUNT) {
            return;
        }
        int position = position(m.column(), at + ".column");
        notIdentifier(m.column(), at + ".column", "measured");
        if (!schema.column(position).type().isNumeric()) {
            throw new PolicyViolation(at + ".column", m.kind() + " needs a numeric column, but '" + m.column()
                    + "' is TEXT");
        }
        if (m.kind() == MeasureKind.HISTOGRAM && epsilonMilli == 0
                && policy.quasiIdentifierColumns().contains(position)) {
            throw new PolicyViolation(at + ".column", "'" + m.column() + "' is a quasi-identifier of asset " + assetId
                    + ": a histogram of it groups by it, which takes differential privacy (an epsilon)");
        }
        if (m.kind() == MeasureKind.HISTOGRAM) {
            long cells = (long) groups * (m.edges().size() + 1); // buckets, underflow and overflow
            if (cells > policy.maxCells()) {
                throw new PolicyViolation(at + ".bucketEdges", groups + " group(s) × " + (m.edges().size() + 1)
                        + " buckets = " + cells + " cells; asset " + assetId + " releases at most "
                        + policy.maxCells() + " per query");
            }
        }
    }

    private void checkClamps(Map<String, BigDecimal[]> clamps) {
        int i = 0;
        for (Map.Entry<String, BigDecimal[]> c : clamps.entrySet()) {
            String at = "clamps[" + i++ + "]";
            int position = position(c.getKey(), at + ".column");
            BigDecimal lower = c.getValue()[0];
            BigDecimal upper = c.getValue()[1];
            if (lower.compareTo(upper) >= 0) {
                throw new PolicyViolation(at, "lower must be below upper");
            }
            ColumnType type = schema.column(position).type();
            if (type == ColumnType.TEXT) {
                throw new PolicyViolation(at + ".column", "'" + c.getKey() + "' is TEXT and cannot be clamped");
            }
            if (type == ColumnType.INTEGER && (!Numbers.isInteger(lower) || !Numbers.isInteger(upper))) {
                throw new PolicyViolation(at, "'" + c.getKey() + "' is INTEGER: its bounds must be integers, got ["
                        + lower.toPlainString() + ", " + upper.toPlainString() + "]");
            }
            if (type == ColumnType.INTEGER && (lower.compareTo(LONG_MIN) < 0 || upper.compareTo(LONG_MAX) > 0)) {
                throw new PolicyViolation(at, "'" + c.getKey() + "' is INTEGER: its bounds must fit in 64 bits");
            }
        }
    }

    private void notIdentifier(String column, String at, String usage) {
        if (policy.identifierColumns().contains(position(column, at))) {
            throw new PolicyViolation(at, "'" + column + "' is an identifier of asset " + assetId + ": it cannot be "
                    + usage);
        }
    }

    private int position(String column, String at) {
        if (!schema.contains(column)) {
            throw new PolicyViolation(at, "asset " + assetId + " has no column '" + column + "'; its columns are "
                    + schema.names());
        }
        return schema.indexOf(column);
    }

    private static String eps(long milli) {
        return BigDecimal.valueOf(milli, 3).stripTrailingZeros().toPlainString();
    }
}
