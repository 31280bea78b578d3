package org.dirchain.coordinator.jobs;

import com.google.protobuf.ByteString;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dirchain.chain.model.Operation;
import org.dirchain.coordinator.jobs.JobRequestBody.ClampBody;
import org.dirchain.coordinator.jobs.JobRequestBody.FilterBody;
import org.dirchain.coordinator.jobs.JobRequestBody.FilterOp;
import org.dirchain.coordinator.jobs.JobRequestBody.MeasureBody;
import org.dirchain.coordinator.jobs.JobRequestBody.MeasureKind;
import org.dirchain.coordinator.web.ApiProblemException;
import org.dirchain.coordinator.web.FieldProblem;
import org.dirchain.he.HeException;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.HomomorphicSchemes;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.api.v1.Clamp;
import org.dirchain.node.api.v1.Filter;
import org.dirchain.node.api.v1.Measure;
import org.dirchain.node.api.v1.Query;

/**
 * Turns a checked {@link JobRequestBody} into the {@link AggregateSpec} the nodes are sent (its hash
 * goes on chain), after the checks Bean Validation cannot express: operator arities, histogram
 * edges, grouping, clamps under differential privacy, a public key that parses.
 */
final class JobSpecs {
    /** 128-bit lanes: up to 8 contributions add without carrying (see node.proto). */
    static final int LANE_BITS = 128;
    /** The scheme of managed keys. */
    static final String MANAGED_SCHEME = "paillier";

    private JobSpecs() {}

    /** A job ready to submit: the spec, the ledger operations it uses and the chain parameters. */
    record CheckedJob(AggregateSpec spec, Set<Operation> operations, long epsilonMilli, BigInteger feeWei) {}

    /**
     * @param managedKey the encoded managed public key of the caller's organisation (MANAGED mode),
     *     asked for only once the rest of the body checks out
     */
    /** The release policies' check of a spec that is otherwise well-formed (see {@link JobPolicyCheck}). */
    @FunctionalInterface
    interface PolicyCheck {
        void check(AggregateSpec spec, long epsilonMilli);
    }

    static CheckedJob check(JobRequestBody body, java.util.function.Supplier<byte[]> managedKey, PolicyCheck policy) {
        List<FieldProblem> problems = new ArrayList<>();
        if (new HashSet<>(body.grants()).size() != body.grants().size()) {
            problems.add(new FieldProblem("grants", "must not name a grant twice"));
        }
        if (body.quorum() > body.grants().size()) {
            problems.add(new FieldProblem("quorum", "must not exceed the number of grants (" + body.grants().size() + ")"));
        }
        long epsilonMilli = epsilonMilli(body.epsilon(), problems);
        boolean managed = body.mode() == JobRequestBody.KeyMode.MANAGED;
        String scheme = managed ? MANAGED_SCHEME : body.heScheme();
        byte[] publicKey = null;
        if (managed) {
            if (body.grants().size() < 2) {
                problems.add(new FieldProblem("keyMode", "MANAGED needs two or more assets: the coordinator "
                        + "decrypts sums of masked partials, and one asset's partial is its whole result; use your own key"));
            }
            if (body.hePublicKey() != null) {
                problems.add(new FieldProblem("hePublicKey", "must be absent with keyMode MANAGED: the coordinator "
                        + "supplies the key"));
            }
            if (body.heScheme() != null && !MANAGED_SCHEME.equals(body.heScheme())) {
                problems.add(new FieldProblem("heScheme", "keyMode MANAGED uses " + MANAGED_SCHEME));
            }
        } else if (body.heScheme() == null || body.heScheme().isBlank()) {
            problems.add(new FieldProblem("heScheme", "must not be blank (or use keyMode MANAGED)"));
        } else if (body.hePublicKey() == null || body.hePublicKey().isBlank()) {
            problems.add(new FieldProblem("hePublicKey", "must not be blank (or use keyMode MANAGED)"));
        } else {
            publicKey = publicKey(body.heScheme(), body.hePublicKey(), problems);
        }
        Query query = query(body.query(), problems);
        List<Clamp> clamps = clamps(body, epsilonMilli, problems);
        if (!problems.isEmpty()) {
            throw ApiProblemException.invalid(problems);
        }
        AggregateSpec.Builder spec = AggregateSpec.newBuilder()
                .setQuery(query)
                .setHeScheme(scheme)
                .setFixedPointScale(body.fixedPointScale() == null ? 6 : body.fixedPointScale())
                .addAllClamps(clamps)
                .setLaneBits(LANE_BITS);
        policy.check(spec.build(), epsilonMilli);
        if (managed) {
            publicKey = managedKey.get(); // only for a job every policy permits
        }
        spec.setHePublicKey(ByteString.copyFrom(publicKey));
        return new CheckedJob(spec.build(), operations(body.query().measures()), epsilonMilli,
                new BigInteger(body.feeWei()));
    }

    static Set<Operation> operations(List<MeasureBody> measures) {
        Set<Operation> ops = EnumSet.noneOf(Operation.class);
        measures.forEach(m -> ops.add(Operation.valueOf(m.kind().name())));
        return ops;
    }

    static long epsilonMilli(BigDecimal epsilon, List<FieldProblem> problems) {
        if (epsilon == null) {
            return 0;
        }
        try {
            return epsilon.movePointRight(3).longValueExact();
        } catch (ArithmeticException e) {
            problems.add(new FieldProblem("epsilon", "at most 3 decimals"));
            return 0;
        }
    }

    private static byte[] publicKey(String schemeName, String base64, List<FieldProblem> problems) {
        HomomorphicScheme scheme;
        try {
            scheme = HomomorphicSchemes.byName(schemeName);
        } catch (RuntimeException e) {
            problems.add(new FieldProblem("heScheme", "unknown scheme; known: " + HomomorphicSchemes.names()));
            return new byte[0];
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("hePublicKey", "not Base64"));
            return new byte[0];
        }
        try {
            scheme.deserializePublicKey(key);
        } catch (HeException | IllegalArgumentException e) {
            problems.add(new FieldProblem("hePublicKey", "not a " + schemeName + " public key: " + e.getMessage()));
        }
        return key;
    }

    /** Wire filters from the API's, with each operator's arity checked; shared with training jobs. */
    static List<Filter> filters(List<FilterBody> bodies, String field, List<FieldProblem> problems) {
        List<Filter> out = new ArrayList<>();
        List<FilterBody> filters = bodies == null ? List.of() : bodies;
        for (int i = 0; i < filters.size(); i++) {
            FilterBody f = filters.get(i);
            int n = f.values().size();
            boolean arityOk = switch (f.op()) {
                case BETWEEN -> n == 2;
                case IN -> n >= 1;
                default -> n == 1;
            };
            if (!arityOk) {
                problems.add(new FieldProblem(field + "[" + i + "].values",
                        f.op() == FilterOp.BETWEEN ? "BETWEEN takes two values" : f.op() + " takes one value"));
            }
            out.add(Filter.newBuilder().setColumn(f.column()).setOp(Filter.Op.valueOf(f.op().name()))
                    .addAllValues(f.values()).build());
        }
        return out;
    }

    private static Query query(JobRequestBody.QueryBody q, List<FieldProblem> problems) {
        Query.Builder b = Query.newBuilder();
        b.addAllFilters(filters(q.filters(), "query.filters", problems));
        boolean grouped = q.groupBy() != null && !q.groupBy().isBlank();
        List<String> groups = q.groups() == null ? List.of() : q.groups();
        if (grouped != !groups.isEmpty()) {
            problems.add(new FieldProblem("query.groups", "groupBy and a non-empty list of groups go together"));
        } else if (grouped) {
            if (new HashSet<>(groups).size() != groups.size()) {
                problems.add(new FieldProblem("query.groups", "must not repeat a group"));
            }
            b.setGroupBy(q.groupBy()).addAllGroups(groups);
        }
        for (int i = 0; i < q.measures().size(); i++) {
            MeasureBody m = q.measures().get(i);
            String at = "query.measures[" + i + "]";
            boolean hasColumn = m.column() != null && !m.column().isBlank();
            if (m.kind() != MeasureKind.COUNT && !hasColumn) {
                problems.add(new FieldProblem(at + ".column", m.kind() + " needs a column"));
            }
            List<Double> edges = m.bucketEdges() == null ? List.of() : m.bucketEdges();
            if (m.kind() == MeasureKind.HISTOGRAM) {
                if (edges.isEmpty()) {
                    problems.add(new FieldProblem(at + ".bucketEdges", "HISTOGRAM needs at least one edge"));
                }
                for (int e = 1; e < edges.size(); e++) {
                    if (!(edges.get(e) > edges.get(e - 1))) {
                        problems.add(new FieldProblem(at + ".bucketEdges", "must be strictly ascending"));
                        break;
                    }
                }
            } else if (!edges.isEmpty()) {
                problems.add(new FieldProblem(at + ".bucketEdges", "only for HISTOGRAM"));
            }
            Measure.Builder mb = Measure.newBuilder().setKind(Measure.Kind.valueOf(m.kind().name()));
            if (hasColumn) {
                mb.setColumn(m.column());
            }
            b.addMeasures(mb.addAllBucketEdges(edges));
        }
        return b.build();
    }

    private static List<Clamp> clamps(JobRequestBody body, long epsilonMilli, List<FieldProblem> problems) {
        List<ClampBody> given = body.clamps() == null ? List.of() : body.clamps();
        List<Clamp> out = new ArrayList<>();
        Set<String> clamped = new HashSet<>();
        for (int i = 0; i < given.size(); i++) {
            ClampBody c = given.get(i);
            if (!(c.lower() < c.upper())) {
                problems.add(new FieldProblem("clamps[" + i + "]", "lower must be below upper"));
            }
            if (!clamped.add(c.column())) {
                problems.add(new FieldProblem("clamps[" + i + "].column", "clamped twice"));
            }
            out.add(Clamp.newBuilder().setColumn(c.column()).setLower(c.lower()).setUpper(c.upper()).build());
        }
        if (epsilonMilli > 0) {
            body.query().measures().stream()
                    .filter(m -> m.kind() != MeasureKind.COUNT && m.column() != null && !clamped.contains(m.column()))
                    .map(MeasureBody::column).distinct()
                    .forEach(col -> problems.add(new FieldProblem("clamps",
                            "with epsilon > 0 every summed column needs a clamp; missing: " + col)));
        }
        return out;
    }
}
