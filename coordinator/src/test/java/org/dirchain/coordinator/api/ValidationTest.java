package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Malformed input is refused with 400 and the offending field names, before anything reaches the
 * chain: every test checks that no block was mined (anvil mines one per transaction).
 */
class ValidationTest extends ApiTestBase {
    private static final String VALIDATION = "urn:dirchain:problem:validation";

    private long blockBefore;

    @BeforeEach
    void rememberBlock() {
        keyOf(HOSPITAL);
        keyOf(REQUESTER); // onboarding writes nothing on chain, but do it before the block is noted
        blockBefore = chainBlock();
    }

    private void assertNothingSentToChain() {
        assertThat(chainBlock()).as("no transaction was sent").isEqualTo(blockBefore);
    }

    private ApiClient.Response invalid(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        return r;
    }

    @Test
    void malformedJsonIsAMalformedRequest() {
        ApiClient.Response r = invalid(as(HOSPITAL).post("/api/v1/assets", "{\"title\": "));
        assertThat(r.problemType()).isEqualTo("urn:dirchain:problem:malformed-request");
        assertThat(r.json().path("detail").asText()).contains("not valid JSON");
        ApiClient.Response none = invalid(as(HOSPITAL).post("/api/v1/assets", null));
        assertThat(none.problemType()).isEqualTo("urn:dirchain:problem:malformed-request");
        ApiClient.Response array = invalid(as(HOSPITAL).post("/api/v1/assets", "[]"));
        assertThat(array.problemType()).isEqualTo("urn:dirchain:problem:malformed-request");
        assertNothingSentToChain();
    }

    @Test
    void everyMissingFieldIsNamed() {
        ApiClient.Response r = invalid(as(HOSPITAL).post("/api/v1/assets", "{}"));
        assertThat(r.problemType()).isEqualTo(VALIDATION);
        assertThat(r.errorFields()).containsExactlyInAnyOrder("title", "metadataHash", "schema",
                "contentCommitment", "classification", "allowedOps", "nodeOrg", "releasePolicy");
        assertThat(r.json().path("title").asText()).isEqualTo("Invalid request");
        assertNothingSentToChain();
    }

    @Test
    void malformedValuesAreNamedWithTheRule() {
        Map<String, Object> body = assetBody("Bad", List.of(F.hospitalOrg, F.hospitalOrg), 3);
        body.put("metadataHash", "0x1234");
        body.put("schemaHash", "0x" + "0".repeat(64));
        body.put("contentCommitment", "ab".repeat(32)); // no 0x
        body.put("title", "é".repeat(101)); // 202 bytes of UTF-8
        body.put("metadataUri", "not a uri");
        body.put("tags", List.of("ok", "x".repeat(33), "ok"));
        Map<String, Object> policy = openPolicy(-1);
        body.put("releasePolicy", policy);
        ApiClient.Response r = invalid(as(HOSPITAL).post("/api/v1/assets", body));
        assertThat(r.errorFields()).contains("metadataHash", "schemaHash", "contentCommitment", "title",
                "metadataUri", "tags[1]", "releasePolicy.minCellSize");
        assertNothingSentToChain();

        // cross-field rules are checked once every field is well-formed
        ApiClient.Response cross = invalid(as(HOSPITAL).post("/api/v1/assets",
                assetBody("Dup", List.of(F.hospitalOrg, F.hospitalOrg), 3)));
        assertThat(cross.errorFields()).containsExactlyInAnyOrder("approvers", "approvalsRequired");
        assertNothingSentToChain();
    }

    @Test
    void wrongJsonTypesNameTheField() {
        Map<String, Object> body = assetBody("Types", List.of(), 1);
        body.put("classification", "SECRET");
        ApiClient.Response enumValue = invalid(as(HOSPITAL).post("/api/v1/assets", body));
        assertThat(enumValue.errorFields()).containsExactly("classification");
        assertThat(enumValue.json().path("errors").get(0).path("message").asText())
                .contains("PUBLIC", "CONFIDENTIAL");

        body = assetBody("Types", List.of(), 1);
        body.put("approvalsRequired", 1.5);
        assertThat(invalid(as(HOSPITAL).post("/api/v1/assets", body)).errorFields()).containsExactly("approvalsRequired");

        body = assetBody("Types", List.of(), 1);
        body.put("approver", List.of(2)); // typo of "approvers"
        assertThat(invalid(as(HOSPITAL).post("/api/v1/assets", body)).errorFields()).containsExactly("approver");

        body = assetBody("Types", List.of(), 1);
        body.put("allowedOps", List.of("COUNT", "DELETE"));
        assertThat(invalid(as(HOSPITAL).post("/api/v1/assets", body)).errorFields().get(0)).startsWith("allowedOps");
        assertNothingSentToChain();
    }

    @Test
    void grantRequestsAreCheckedToo() {
        Map<String, Object> body = grantBody(1);
        body.put("durationSeconds", 0);
        body.put("operations", List.of());
        body.put("purposeHash", "nope");
        body.put("maxJobs", 0);
        body.put("epsilonBudgetMilli", -5);
        ApiClient.Response r = invalid(as(REQUESTER).post("/api/v1/grants", body));
        assertThat(r.errorFields()).containsExactlyInAnyOrder("durationSeconds", "operations", "purposeHash",
                "maxJobs", "epsilonBudgetMilli");

        body = grantBody(1);
        body.put("durationSeconds", 6L * 365 * 24 * 3600);
        assertThat(invalid(as(REQUESTER).post("/api/v1/grants", body)).errorFields()).containsExactly("durationSeconds");

        ApiClient.Response reason = invalid(as(HOSPITAL).post("/api/v1/grants/1/deny", Map.of("reasonHash", "0x12")));
        assertThat(reason.errorFields()).containsExactly("reasonHash");
        assertNothingSentToChain();
    }

    @Test
    void pathAndQueryParametersAreChecked() {
        assertThat(invalid(as(REQUESTER).get("/api/v1/assets/abc")).errorFields()).containsExactly("id");
        assertThat(invalid(as(REQUESTER).get("/api/v1/assets/0")).errorFields()).containsExactly("id");
        assertThat(invalid(as(HOSPITAL).post("/api/v1/assets/-3/retire", null)).errorFields()).containsExactly("id");
        assertThat(invalid(as(REQUESTER).get("/api/v1/assets?classification=SECRET")).errorFields())
                .containsExactly("classification");
        assertThat(invalid(as(REQUESTER).get("/api/v1/assets?limit=0")).errorFields()).containsExactly("limit");
        assertThat(invalid(as(REQUESTER).get("/api/v1/assets?limit=501")).errorFields()).containsExactly("limit");
        assertThat(invalid(as(REQUESTER).get("/api/v1/grants?mine=everything")).errorFields()).containsExactly("mine");
        assertThat(invalid(as(REQUESTER).get("/api/v1/grants?status=LOST")).errorFields()).containsExactly("status");
        assertThat(invalid(as(REQUESTER).get("/api/v1/audit/jobs?from=10&to=5")).errorFields()).containsExactly("from");
        assertThat(invalid(regulator().delete("/api/v1/admin/api-keys/XYZ")).errorFields()).containsExactly("keyId");
        assertNothingSentToChain();
    }

    @Test
    void otherHttpMistakesHaveTheirOwnTypes() {
        ApiClient.Response media = as(HOSPITAL).postRaw("/api/v1/assets", "text/plain", "title=x");
        assertThat(media.status()).isEqualTo(415);
        assertThat(media.problemType()).isEqualTo("urn:dirchain:problem:unsupported-media-type");

        ApiClient.Response route = as(HOSPITAL).get("/api/v1/nothing-here");
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.problemType()).isEqualTo("urn:dirchain:problem:not-found");

        ApiClient.Response method = as(HOSPITAL).delete("/api/v1/assets/1");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.problemType()).isEqualTo("urn:dirchain:problem:method-not-allowed");
        assertNothingSentToChain();
    }
}
