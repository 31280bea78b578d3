package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.OUTSIDER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Who is calling: API keys, their issue and revocation, and refusals for acting outside one's organisation. */
class AuthenticationTest extends ApiTestBase {
    private static final String UNAUTHENTICATED = "urn:dirchain:problem:unauthenticated";
    private static final String FORBIDDEN = "urn:dirchain:problem:forbidden";

    @Test
    void noKeyIsRefusedWithAProblemAndAChallenge() {
        ApiClient.Response r = ApiClient.anonymous(port).get("/api/v1/assets");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problemType()).isEqualTo(UNAUTHENTICATED);
        assertThat(r.json().path("title").asText()).isEqualTo("Unauthenticated");
        assertThat(r.json().path("detail").asText()).contains("Authorization: Bearer");
        assertThat(r.json().path("instance").asText()).isEqualTo("/api/v1/assets");
        assertThat(r.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"dirchain\"");
    }

    @Test
    void invalidKeysAreRefused() {
        String valid = keyOf(REQUESTER);
        String unknown = "dck_0123456789abcdef_" + "A".repeat(43);
        String wrongSecret = valid.substring(0, valid.length() - 2) + (valid.endsWith("AA") ? "BB" : "AA");
        for (String key : List.of("nonsense", unknown, wrongSecret, valid + "x")) {
            ApiClient.Response r = ApiClient.bearer(port, key).get("/api/v1/assets");
            assertThat(r.status()).as(key).isEqualTo(401);
            assertThat(r.problemType()).isEqualTo(UNAUTHENTICATED);
        }
        ApiClient.Response basic = ApiClient.withHeader(port, "Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/assets");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.json().path("detail").asText()).contains("Bearer");
    }

    @Test
    void theKeyMayComeInEitherHeader() {
        assertThat(ApiClient.bearer(port, keyOf(REQUESTER)).get("/api/v1/assets").status()).isEqualTo(200);
        assertThat(ApiClient.apiKeyHeader(port, keyOf(REQUESTER)).get("/api/v1/assets").status()).isEqualTo(200);
        assertThat(ApiClient.withHeader(port, "Authorization", "bearer " + keyOf(REQUESTER)).get("/api/v1/assets")
                .status()).as("scheme is case-insensitive").isEqualTo(200);
    }

    @Test
    void anOrganisationRevokesItsOwnKeyAndItStopsWorking() {
        ApiClient.Response issued = regulator().post("/api/v1/admin/organisations/" + F.requesterOrg + "/api-keys",
                Map.of("label", "to be revoked"));
        assertThat(issued.status()).isEqualTo(201);
        String key = issued.json().path("apiKey").asText();
        String keyId = issued.json().path("keyId").asText();
        assertThat(key).startsWith("dck_" + keyId + "_");
        ApiClient client = ApiClient.bearer(port, key);
        assertThat(client.get("/api/v1/assets").status()).isEqualTo(200);

        ApiClient.Response listed = client.get("/api/v1/admin/organisations/" + F.requesterOrg + "/api-keys");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.raw().body()).contains(keyId).doesNotContain(key).doesNotContain("sha256");

        assertThat(as(OTHER_REQUESTER).delete("/api/v1/admin/api-keys/" + keyId).status())
                .as("another organisation's key is not found, not revealed").isEqualTo(404);
        assertThat(client.delete("/api/v1/admin/api-keys/" + keyId).status()).isEqualTo(204);
        ApiClient.Response after = client.get("/api/v1/assets");
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.problemType()).isEqualTo(UNAUTHENTICATED);
        assertThat(as(REQUESTER).get("/api/v1/assets").status()).as("other keys of the org still work").isEqualTo(200);
    }

    @Test
    void onlyARegulatorOnboardsOrganisations() {
        ApiClient.Response issue = as(HOSPITAL).post("/api/v1/admin/organisations/" + F.requesterOrg + "/api-keys",
                null);
        assertThat(issue.status()).isEqualTo(403);
        assertThat(issue.problemType()).isEqualTo(FORBIDDEN);

        ApiClient.Response signing = as(HOSPITAL).put("/api/v1/admin/organisations/" + F.hospitalOrg + "/signing-key",
                Map.of("privateKey", privateKeyHex(HOSPITAL)));
        assertThat(signing.status()).isEqualTo(403);

        ApiClient.Response othersKeys = as(HOSPITAL).get("/api/v1/admin/organisations/" + F.requesterOrg + "/api-keys");
        assertThat(othersKeys.status()).isEqualTo(403);
        assertThat(othersKeys.problemType()).isEqualTo(FORBIDDEN);

        ApiClient.Response unknownOrg = regulator().post("/api/v1/admin/organisations/9999/api-keys", null);
        assertThat(unknownOrg.status()).isEqualTo(404);
    }

    @Test
    void aSigningKeyMustBeAnAccountOfTheOrganisation() {
        ApiClient.Response r = regulator().put("/api/v1/admin/organisations/" + F.hospitalOrg + "/signing-key",
                Map.of("privateKey", privateKeyHex(OUTSIDER)));
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.problemType()).isEqualTo("urn:dirchain:problem:not-an-account");
        assertThat(r.json().path("address").asText()).isEqualTo(F.address(OUTSIDER).toLowerCase());

        ApiClient.Response malformed = regulator().put("/api/v1/admin/organisations/" + F.hospitalOrg + "/signing-key",
                Map.of("privateKey", "0x1234"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorFields()).containsExactly("privateKey");
    }

    @Test
    void anOrganisationWithoutASigningKeyCanReadButNotWrite() {
        ApiClient.Response issued = regulator().post("/api/v1/admin/organisations/" + F.nodeBOrg + "/api-keys", null);
        ApiClient nodeB = ApiClient.bearer(port, issued.json().path("apiKey").asText());
        assertThat(nodeB.get("/api/v1/organisations").status()).isEqualTo(200);
        long before = chainBlock();
        ApiClient.Response write = nodeB.post("/api/v1/assets", assetBody("No key", List.of(), 1));
        assertThat(write.status()).isEqualTo(409);
        assertThat(write.problemType()).isEqualTo("urn:dirchain:problem:signing-key-missing");
        assertThat(write.json().path("orgId").asLong()).isEqualTo(F.nodeBOrg);
        assertThat(chainBlock()).isEqualTo(before);
    }

    @Test
    void docsAndHealthAreOpen() {
        ApiClient anonymous = ApiClient.anonymous(port);
        ApiClient.Response docs = anonymous.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/v1/assets")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/grants/{id}/approve")).isTrue();
        assertThat(docs.json().path("components").path("securitySchemes").has("bearer")).isTrue();
        assertThat(docs.raw().body()).doesNotContain("CallerOrganisation");

        ApiClient.Response health = anonymous.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        assertThat(health.json().path("components").path("directoryIndex").path("status").asText()).isEqualTo("UP");

        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
