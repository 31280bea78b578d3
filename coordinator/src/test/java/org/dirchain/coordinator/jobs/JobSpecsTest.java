package org.dirchain.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.Operation;
import org.dirchain.coordinator.jobs.JobRequestBody.ClampBody;
import org.dirchain.coordinator.jobs.JobRequestBody.FilterBody;
import org.dirchain.coordinator.jobs.JobRequestBody.FilterOp;
import org.dirchain.coordinator.jobs.JobRequestBody.MeasureBody;
import org.dirchain.coordinator.jobs.JobRequestBody.MeasureKind;
import org.dirchain.coordinator.jobs.JobRequestBody.QueryBody;
import org.dirchain.coordinator.web.ApiProblemException;
import org.dirchain.coordinator.web.FieldProblem;
import org.dirchain.he.HomomorphicScheme;
import org.dirchain.he.HomomorphicSchemes;
import org.dirchain.node.api.v1.AggregateSpec;
import org.dirchain.node.api.v1.Measure;
import org.junit.jupiter.api.Test;

/** The checks Bean Validation cannot express, and the spec built from a body that passes them. */
class JobSpecsTest {
    private static final JobSpecs.PolicyCheck NO_POLICY = (spec, epsilonMilli) -> {};
    private static final java.util.function.Supplier<byte[]> NOT_MANAGED = () -> {
        throw new AssertionError("a client-side key job asks for no managed key");
    };

    static final HomomorphicScheme PAILLIER = HomomorphicSchemes.byName("paillier");
    static final String KEY = Base64.getEncoder().encodeToString(
            PAILLIER.serializePublicKey(PAILLIER.generateKeyPair().publicKey()));

    static JobRequestBody body(QueryBody query, BigDecimal epsilon, List<ClampBody> clamps, int quorum) {
        return new JobRequestBody(List.of(1L, 2L), query, null, "paillier", KEY, epsilon, clamps, null, quorum, 3600L, "42");
    }

    static QueryBody meanByRegion() {
        return new QueryBody(List.of(new FilterBody("age", FilterOp.BETWEEN, List.of("40", "60"))), "region",
                List.of("north", "south"), List.of(new MeasureBody(MeasureKind.COUNT, null, null),
                        new MeasureBody(MeasureKind.MEAN, "hba1c", null)));
    }

    @Test
    void aValidBodyBecomesTheSpecTheNodesAreSent() throws Exception {
        JobSpecs.CheckedJob job = JobSpecs.check(body(meanByRegion(), new BigDecimal("0.5"),
                List.of(new ClampBody("hba1c", 0.0, 20.0)), 2), NOT_MANAGED, NO_POLICY);
        AggregateSpec spec = job.spec();
        assertThat(spec.getLaneBits()).isEqualTo(128);
        assertThat(spec.getFixedPointScale()).isEqualTo(6);
        assertThat(spec.getHeScheme()).isEqualTo("paillier");
        assertThat(spec.getQuery().getGroupsList()).containsExactly("north", "south");
        assertThat(spec.getQuery().getMeasuresList()).extracting(Measure::getKind)
                .containsExactly(Measure.Kind.COUNT, Measure.Kind.MEAN);
        assertThat(spec.getClampsCount()).isEqualTo(1);
        assertThat(job.operations()).containsExactlyInAnyOrder(Operation.COUNT, Operation.MEAN);
        assertThat(job.epsilonMilli()).isEqualTo(500);
        assertThat(job.feeWei()).isEqualTo(BigInteger.valueOf(42));
        assertThat(Hash32.keccak(spec.toByteArray())).as("serialisation is stable, so is the hash on chain")
                .isEqualTo(Hash32.keccak(AggregateSpec.parseFrom(spec.toByteArray()).toByteArray()));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        QueryBody bad = new QueryBody(List.of(new FilterBody("age", FilterOp.GT, List.of("1", "2"))), "region",
                List.of(), List.of(new MeasureBody(MeasureKind.SUM, null, null),
                        new MeasureBody(MeasureKind.HISTOGRAM, "hba1c", List.of(3.0, 2.0)),
                        new MeasureBody(MeasureKind.COUNT, null, List.of(1.0))));
        JobRequestBody body = new JobRequestBody(List.of(1L, 1L), bad, null, "paillier", "bm90IGEga2V5",
                new BigDecimal("0.0005"), List.of(new ClampBody("x", 5.0, 1.0)), null, 3, 3600L, "1");
        ApiProblemException e = catchThrowableOfType(ApiProblemException.class, () -> JobSpecs.check(body, NOT_MANAGED, NO_POLICY));
        @SuppressWarnings("unchecked")
        List<FieldProblem> errors = (List<FieldProblem>) e.properties().get("errors");
        assertThat(errors).extracting(FieldProblem::field).contains("grants", "quorum", "epsilon", "hePublicKey",
                "query.filters[0].values", "query.groups", "query.measures[0].column",
                "query.measures[1].bucketEdges", "query.measures[2].bucketEdges", "clamps[0]");
    }

    @Test
    void differentialPrivacyNeedsAClampForEverySummedColumn() {
        ApiProblemException e = catchThrowableOfType(ApiProblemException.class,
                () -> JobSpecs.check(body(meanByRegion(), BigDecimal.ONE, List.of(), 2), NOT_MANAGED, NO_POLICY));
        assertThat(e.getMessage()).contains("clamps");
        assertThat(JobSpecs.check(body(meanByRegion(), BigDecimal.ZERO, List.of(), 2), NOT_MANAGED, NO_POLICY).epsilonMilli()).isZero();
    }

    @Test
    void managedKeysComeFromTheCoordinatorAndAKeyOfTheCallersOwnIsRefusedWithThem() {
        byte[] managed = PAILLIER.serializePublicKey(PAILLIER.generateKeyPair().publicKey());
        JobRequestBody managedBody = new JobRequestBody(List.of(1L, 2L), meanByRegion(), JobRequestBody.KeyMode.MANAGED,
                null, null, null, null, null, 2, 3600L, "42");
        assertThat(JobSpecs.check(managedBody, () -> managed, NO_POLICY).spec().getHePublicKey().toByteArray()).isEqualTo(managed);
        assertThat(JobSpecs.check(managedBody, () -> managed, NO_POLICY).spec().getHeScheme()).isEqualTo("paillier");

        JobRequestBody both = new JobRequestBody(List.of(1L, 2L), meanByRegion(), JobRequestBody.KeyMode.MANAGED,
                "paillier", KEY, null, null, null, 2, 3600L, "42");
        ApiProblemException e = catchThrowableOfType(ApiProblemException.class, () -> JobSpecs.check(both, NOT_MANAGED, NO_POLICY));
        assertThat(e.properties().toString()).contains("hePublicKey").contains("MANAGED");

        JobRequestBody noKey = new JobRequestBody(List.of(1L, 2L), meanByRegion(), null, "paillier", null, null, null,
                null, 2, 3600L, "42");
        ApiProblemException missing = catchThrowableOfType(ApiProblemException.class,
                () -> JobSpecs.check(noKey, NOT_MANAGED, NO_POLICY));
        assertThat(missing.properties().toString()).contains("hePublicKey").contains("keyMode MANAGED");

        JobRequestBody oneAsset = new JobRequestBody(List.of(1L), meanByRegion(), JobRequestBody.KeyMode.MANAGED,
                null, null, null, null, null, 1, 3600L, "42");
        ApiProblemException single = catchThrowableOfType(ApiProblemException.class,
                () -> JobSpecs.check(oneAsset, NOT_MANAGED, NO_POLICY));
        assertThat(single.properties().toString()).contains("keyMode").contains("two or more assets");
    }
}
