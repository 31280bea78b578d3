package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.OPERATOR;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;
import static org.dirchain.coordinator.api.JobsApiTest.ids;
import static org.dirchain.coordinator.api.ThreeNodeJobs.awaitJob;
import static org.dirchain.coordinator.api.ThreeNodeJobs.jobBody;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.dirchain.coordinator.web.ProblemTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refusals a partner can hit when submitting or handling a job: each is a problem with the
 * specific type of its reason (the decoded contract error where the ledger refuses), and a refused
 * submission leaves nothing behind — no job on chain, none in the caller's list, no quota or
 * epsilon spent.
 */
class JobRefusalsApiTest extends ApiTestBase {
    @BeforeEach
    void threeNodesWithOneAssetEach() {
        keyOf(OPERATOR); // the operator settles the jobs that are accepted
        ThreeNodeJobs.start(this::as);
    }

    @Test
    void aGrantThatDoesNotExistOrIsAnotherRequestersIsRefused() {
        long own = grant(REQUESTER, 0, body -> {});
        long foreign = grant(OTHER_REQUESTER, 1, body -> {});
        Nothing before = nothing();

        ApiClient.Response unknown = as(REQUESTER).post("/api/v1/jobs", jobBody(List.of(987_654L), 1));
        refused(unknown, 404, "UnknownGrant");
        assertThat(unknown.json().path("arguments").path("grantId").asLong()).isEqualTo(987_654);

        // the first grant is the caller's and would be consumed: the whole submission is undone
        ApiClient.Response notTheirs = as(REQUESTER).post("/api/v1/jobs", jobBody(List.of(own, foreign), 2));
        refused(notTheirs, 403, "NotGrantee");
        assertThat(notTheirs.json().path("arguments").path("grantId").asLong()).isEqualTo(foreign);
        assertThat(notTheirs.json().path("arguments").path("orgId").asLong()).isEqualTo(F.requesterOrg);
        assertThat(notTheirs.json().path("detail").asText()).contains("grantId=" + foreign);

        before.stillHolds();
        assertUnspent(own, 0, 0);
        assertUnspent(foreign, 0, 0);
    }

    @Test
    void aGrantWhoseJobQuotaIsSpentIsRefused() {
        long grant = grant(REQUESTER, 0, body -> body.put("maxJobs", 1));
        ApiClient.Response first = as(REQUESTER).post("/api/v1/jobs", jobBody(List.of(grant), 1));
        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        awaitJob(as(REQUESTER), first.id(), j -> j.path("status").asText().equals("SETTLED"));
        Nothing before = nothing();

        ApiClient.Response second = as(REQUESTER).post("/api/v1/jobs", jobBody(List.of(grant), 1));
        refused(second, 409, "JobQuotaExceeded");
        assertThat(second.json().path("arguments").path("grantId").asLong()).isEqualTo(grant);
        assertThat(second.json().path("arguments").path("maxJobs").asInt()).isEqualTo(1);

        before.stillHolds();
        assertUnspent(grant, 1, 0);
    }

    @Test
    void aJobAskingMoreEpsilonThanTheGrantHasLeftIsRefused() {
        long grant = grant(REQUESTER, 0, body -> body.put("epsilonBudgetMilli", 1000));
        Nothing before = nothing();

        Map<String, Object> body = jobBody(List.of(grant), 1);
        body.put("epsilon", "5");
        body.put("clamps", List.of(Map.of("column", "hba1c", "lower", 0, "upper", 20)));
        ApiClient.Response r = as(REQUESTER).post("/api/v1/jobs", body);
        refused(r, 409, "EpsilonBudgetExceeded");
        assertThat(r.json().path("arguments").path("grantId").asLong()).isEqualTo(grant);
        assertThat(r.json().path("arguments").path("remainingMilli").asLong()).isEqualTo(1000);
        assertThat(r.json().path("arguments").path("requestedMilli").asLong()).isEqualTo(5000);

        before.stillHolds();
        assertUnspent(grant, 0, 0);
    }

    @Test
    void aJobAskingAnOperationTheGrantDoesNotAllowIsRefused() {
        long grant = grant(REQUESTER, 0, body -> body.put("operations", List.of("COUNT")));
        Nothing before = nothing();

        ApiClient.Response r = as(REQUESTER).post("/api/v1/jobs", jobBody(List.of(grant), 1)); // COUNT and MEAN
        refused(r, 409, "OperationNotAllowed");
        JsonNode args = r.json().path("arguments");
        assertThat(args.path("grantId").asLong()).isEqualTo(grant);
        int requested = args.path("requested").asInt();
        int allowed = args.path("allowed").asInt();
        assertThat(requested & ~allowed).as("an operation beyond the grant's: " + args).isNotZero();

        before.stillHolds();
        assertUnspent(grant, 0, 0);
    }

    @Test
    void aProviderOnlyOrganisationCannotSubmitAJob() {
        long grant = grant(REQUESTER, 0, body -> {});
        Nothing before = nothing();
        List<Long> hospitalJobs = ids(as(HOSPITAL).get("/api/v1/jobs"));

        ApiClient.Response r = as(HOSPITAL).post("/api/v1/jobs", jobBody(List.of(grant), 1));
        assertThat(r.status()).as(r.toString()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problemType()).isEqualTo(ProblemTypes.FORBIDDEN);
        assertThat(r.json().path("detail").asText()).contains("REQUESTER");

        before.stillHolds();
        assertThat(ids(as(HOSPITAL).get("/api/v1/jobs"))).isEqualTo(hospitalJobs);
        assertUnspent(grant, 0, 0);
    }

    /** Reading it and its result is covered in {@link JobsApiTest}; cancelling answers the same 404. */
    @Test
    void anotherRequesterCannotCancelAJobNorLearnThatItExists() {
        long grant = grant(REQUESTER, 0, body -> {});
        ApiClient.Response submitted = as(REQUESTER).post("/api/v1/jobs", jobBody(List.of(grant), 1));
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(202);
        long job = submitted.id();

        ApiClient.Response byOther = as(OTHER_REQUESTER).post("/api/v1/jobs/" + job + "/cancel", null);
        assertThat(byOther.status()).as(byOther.toString()).isEqualTo(404);
        assertThat(byOther.contentType()).startsWith("application/problem+json");
        assertThat(byOther.problemType()).isEqualTo(ProblemTypes.NOT_FOUND);
        assertThat(byOther.json().path("detail").asText()).isEqualTo("no job " + job);
        ApiClient.Response missing = as(OTHER_REQUESTER).post("/api/v1/jobs/987654/cancel", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problemType()).isEqualTo(byOther.problemType());
        assertThat(missing.json().path("title")).isEqualTo(byOther.json().path("title"));

        JsonNode settled = awaitJob(as(REQUESTER), job, j -> j.path("status").asText().equals("SETTLED"));
        assertThat(settled.path("error").isNull() || settled.path("error").isMissingNode())
                .as("not cancelled: " + settled).isTrue();
        assertThat(ids(as(OTHER_REQUESTER).get("/api/v1/jobs"))).doesNotContain(job);
    }

    // ---- helpers -------------------------------------------------------------------------

    private long grant(int requester, int assetIndex, Consumer<Map<String, Object>> adjust) {
        return ThreeNodeJobs.approvedGrant(this::as, requester, assetIndex, adjust);
    }

    private static void refused(ApiClient.Response r, int status, String error) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problemType()).isEqualTo(ProblemTypes.CONTRACT_PREFIX + error);
        assertThat(r.json().path("error").asText()).isEqualTo(error);
        assertThat(r.json().path("detail").asText()).as("the detail names the reason").startsWith(error + "(");
    }

    private void assertUnspent(long grant, int jobsUsed, long epsilonSpentMilli) {
        ApiClient.Response g = as(REQUESTER).get("/api/v1/grants/" + grant);
        if (g.status() == 404) {
            g = regulator().get("/api/v1/grants/" + grant);
        }
        assertThat(g.status()).as(g.toString()).isEqualTo(200);
        assertThat(g.json().path("jobsUsed").asInt()).as(g.toString()).isEqualTo(jobsUsed);
        assertThat(g.json().path("epsilonSpentMilli").asLong()).as(g.toString()).isEqualTo(epsilonSpentMilli);
    }

    /** What a refused submission must not change: the jobs on chain and the requester's job list. */
    private Nothing nothing() {
        return new Nothing(F.as(OUTSIDER).jobs().count(), ids(as(REQUESTER).get("/api/v1/jobs")));
    }

    private final class Nothing {
        final long jobsOnChain;
        final List<Long> listed;

        Nothing(long jobsOnChain, List<Long> listed) {
            this.jobsOnChain = jobsOnChain;
            this.listed = listed;
        }

        void stillHolds() {
            assertThat(F.as(OUTSIDER).jobs().count()).as("no job on chain").isEqualTo(jobsOnChain);
            assertThat(ids(as(REQUESTER).get("/api/v1/jobs"))).as("the requester's jobs").isEqualTo(listed);
        }
    }
}
