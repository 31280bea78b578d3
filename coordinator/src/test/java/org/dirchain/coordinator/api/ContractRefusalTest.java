package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.ETHICS;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL_B;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the contracts refuse comes back decoded: a problem type per contract error, its arguments
 * by name, 403 for missing rights, 404 for unknown ids, 409 for the rest. A refused write is
 * estimated, not sent, so no block is mined for it.
 */
class ContractRefusalTest extends ApiTestBase {
    private static final String CONTRACT = "urn:dirchain:problem:contract:";

    private ApiClient.Response refused(ApiClient.Response r, int status, String error) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.problemType()).isEqualTo(CONTRACT + error);
        assertThat(r.json().path("error").asText()).isEqualTo(error);
        assertThat(r.json().path("title").asText()).isEqualTo("Refused by the directory contract");
        assertThat(r.json().path("detail").asText()).startsWith(error);
        return r;
    }

    @Test
    void aRequesterCannotPublish() {
        long before = chainBlock();
        ApiClient.Response r = refused(as(REQUESTER).post("/api/v1/assets", assetBody("Not mine", List.of(), 1)),
                403, "MissingRole");
        assertThat(r.json().path("arguments").path("orgId").asLong()).isEqualTo(F.requesterOrg);
        assertThat(r.json().path("arguments").path("role").asInt()).isEqualTo(2); // PROVIDER
        assertThat(chainBlock()).isEqualTo(before);
    }

    @Test
    void onlyTheOwnerChangesAnAsset() {
        long asset = publishHospitalAsset("Owner only");
        long before = chainBlock();
        ApiClient.Response r = refused(as(HOSPITAL_B).post("/api/v1/assets/" + asset + "/versions",
                versionBody(hash("x"), hash("z"))),
                403, "NotAssetOwner");
        assertThat(r.json().path("arguments").path("assetId").asLong()).isEqualTo(asset);
        assertThat(r.json().path("arguments").path("callerOrg").asLong()).isEqualTo(F.hospitalBOrg);
        refused(as(HOSPITAL_B).post("/api/v1/assets/" + asset + "/retire", null), 403, "NotAssetOwner");
        assertThat(chainBlock()).isEqualTo(before);
    }

    @Test
    void unknownIdsAreNotFound() {
        ApiClient.Response asset = refused(as(REQUESTER).post("/api/v1/grants", grantBody(987_654)), 404,
                "UnknownAsset");
        assertThat(asset.json().path("arguments").path("assetId").asLong()).isEqualTo(987_654);
        refused(as(HOSPITAL).post("/api/v1/grants/987654/approve", null), 404, "UnknownGrant");
        assertThat(as(REQUESTER).get("/api/v1/assets/987654").status()).isEqualTo(404);
    }

    @Test
    void approvalsFollowTheAssetsRule() {
        long asset = publishHospitalAsset("Approval rules");
        long grant = as(REQUESTER).post("/api/v1/grants", grantBody(asset)).id();

        ApiClient.Response notApprover = refused(as(ETHICS).post("/api/v1/grants/" + grant + "/approve", null), 403,
                "NotApprover");
        assertThat(notApprover.json().path("arguments").path("grantId").asLong()).isEqualTo(grant);
        assertThat(notApprover.json().path("arguments").path("orgId").asLong()).isEqualTo(F.ethicsOrg);

        assertThat(as(HOSPITAL).post("/api/v1/grants/" + grant + "/approve", null).json().path("status").asText())
                .isEqualTo("APPROVED");
        refused(as(HOSPITAL).post("/api/v1/grants/" + grant + "/approve", null), 409, "GrantNotPending");
        refused(as(HOSPITAL).post("/api/v1/grants/" + grant + "/deny", Map.of("reasonHash", hash("late"))), 409,
                "GrantNotPending");
    }

    @Test
    void twoOfTwoRefusesASecondApprovalBySameOrganisation() {
        ApiClient.Response published = as(HOSPITAL).post("/api/v1/assets",
                assetBody("Two of two", List.of(F.hospitalOrg, F.ethicsOrg), 2));
        long grant = as(REQUESTER).post("/api/v1/grants", grantBody(published.id())).id();
        as(HOSPITAL).post("/api/v1/grants/" + grant + "/approve", null);
        ApiClient.Response again = refused(as(HOSPITAL).post("/api/v1/grants/" + grant + "/approve", null), 409,
                "AlreadyApproved");
        assertThat(again.json().path("arguments").path("orgId").asLong()).isEqualTo(F.hospitalOrg);
    }

    @Test
    void deniedIsFinalAndRevocationIsForOwnerOrRegulator() {
        long asset = publishHospitalAsset("Deny and revoke");
        long denied = as(REQUESTER).post("/api/v1/grants", grantBody(asset)).id();
        ApiClient.Response deny = as(HOSPITAL).post("/api/v1/grants/" + denied + "/deny",
                Map.of("reasonHash", hash("purpose not covered by consent")));
        assertThat(deny.json().path("status").asText()).isEqualTo("DENIED");
        refused(as(HOSPITAL).post("/api/v1/grants/" + denied + "/approve", null), 409, "GrantNotPending");

        long grant = as(OTHER_REQUESTER).post("/api/v1/grants", grantBody(asset)).id();
        as(HOSPITAL).post("/api/v1/grants/" + grant + "/approve", null);
        refused(as(ETHICS).post("/api/v1/grants/" + grant + "/revoke", null), 403, "NotOwnerOrRegulator");
        ApiClient.Response revoked = regulator().post("/api/v1/grants/" + grant + "/revoke",
                Map.of("reasonHash", hash("audit finding")));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("status").asText()).isEqualTo("REVOKED");
        assertThat(ApiFlowTest.historyKinds(revoked.json())).endsWith("REVOKED");
    }

    @Test
    void stateRefusalsAreConflicts() {
        long asset = publishHospitalAsset("Retired soon");
        Map<String, Object> tooMuch = grantBody(asset);
        tooMuch.put("operations", List.of("TRAIN_LOGISTIC"));
        ApiClient.Response ops = refused(as(REQUESTER).post("/api/v1/grants", tooMuch), 409, "InvalidOperations");
        assertThat(ops.json().path("arguments").path("requested").asInt()).isEqualTo(64);

        as(HOSPITAL).post("/api/v1/assets/" + asset + "/retire", null);
        refused(as(REQUESTER).post("/api/v1/grants", grantBody(asset)), 409, "AssetIsRetired");
        refused(as(HOSPITAL).post("/api/v1/assets/" + asset + "/retire", null), 409, "AssetIsRetired");
    }
}
