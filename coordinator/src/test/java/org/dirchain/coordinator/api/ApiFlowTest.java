package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dirchain.chain.DirectoryFixture.ETHICS;
import static org.dirchain.chain.DirectoryFixture.HOSPITAL;
import static org.dirchain.chain.DirectoryFixture.OTHER_REQUESTER;
import static org.dirchain.chain.DirectoryFixture.REQUESTER;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dirchain.chain.model.Hash32;
import org.dirchain.chain.model.JobSubmission;
import org.dirchain.chain.model.Operation;
import org.junit.jupiter.api.Test;

/**
 * A partner's round through the API: a hospital publishes an asset that needs two approvals, a
 * research institute asks for access, hospital and ethics board approve, everyone lists what
 * concerns them, a job is run on the grant, and the regulator audits it all.
 */
class ApiFlowTest extends ApiTestBase {

    @Test
    void publishRequestApproveTwoOfTwoListAndAudit() {
        ApiClient hospital = as(HOSPITAL);
        ApiClient ethics = as(ETHICS);
        ApiClient requester = as(REQUESTER);
        ApiClient insurer = as(OTHER_REQUESTER);
        ApiClient regulator = regulator();

        // publish: signed by the hospital, answered from the index (read-your-writes)
        ApiClient.Response published = hospital.post("/api/v1/assets",
                assetBody("Diabetes registry 2025", List.of(F.hospitalOrg, F.ethicsOrg), 2));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);
        long asset = published.id();
        assertThat(published.raw().headers().firstValue("Location")).contains("/api/v1/assets/" + asset);
        assertThat(published.json().path("ownerOrg").asLong()).isEqualTo(F.hospitalOrg);
        assertThat(published.json().path("approvalsRequired").asInt()).isEqualTo(2);
        assertThat(texts(published.json().path("approvers"))).containsExactly(
                String.valueOf(F.hospitalOrg), String.valueOf(F.ethicsOrg));
        assertThat(F.as(HOSPITAL).catalog().asset(asset).ownerOrg()).as("really on chain").isEqualTo(F.hospitalOrg);

        // any member reads and searches the catalogue
        ApiClient.Response read = requester.get("/api/v1/assets/" + asset);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("title").asText()).isEqualTo("Diabetes registry 2025");
        assertThat(ids(requester.get("/api/v1/assets?tag=hba1c&owner=" + F.hospitalOrg))).contains(asset);
        assertThat(ids(requester.get("/api/v1/assets?q=DIABETES%20REGISTRY&classification=CONFIDENTIAL")))
                .contains(asset);
        assertThat(ids(requester.get("/api/v1/assets?classification=PUBLIC"))).doesNotContain(asset);
        assertThat(ids(requester.get("/api/v1/assets?tag=no-such-tag"))).isEmpty();

        // request, then two approvals: usable only at the second
        ApiClient.Response requested = requester.post("/api/v1/grants", grantBody(asset));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(201);
        long grant = requested.id();
        assertThat(requested.json().path("status").asText()).isEqualTo("REQUESTED");
        assertThat(requested.json().path("granteeOrg").asLong()).isEqualTo(F.requesterOrg);
        assertThat(ids(ethics.get("/api/v1/grants?mine=pending"))).contains(grant);

        ApiClient.Response first = hospital.post("/api/v1/grants/" + grant + "/approve", null);
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("status").asText()).isEqualTo("REQUESTED");
        assertThat(texts(first.json().path("approvedBy"))).containsExactly(String.valueOf(F.hospitalOrg));
        assertThat(first.json().path("expiresAt").isNull()).isTrue();
        assertThat(ids(hospital.get("/api/v1/grants?mine=pending"))).doesNotContain(grant);

        ApiClient.Response second = ethics.post("/api/v1/grants/" + grant + "/approve", null);
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().path("status").asText()).isEqualTo("APPROVED");
        assertThat(second.json().path("expiresAt").isTextual()).isTrue();
        assertThat(historyKinds(second.json())).containsExactly("REQUESTED", "APPROVAL", "APPROVAL", "APPROVED");

        // each party lists what concerns it; an uninvolved party sees nothing of it
        assertThat(ids(requester.get("/api/v1/grants?mine=requested"))).contains(grant);
        assertThat(ids(requester.get("/api/v1/grants"))).contains(grant);
        assertThat(ids(hospital.get("/api/v1/grants?mine=owned&status=APPROVED"))).contains(grant);
        assertThat(ids(ethics.get("/api/v1/grants?mine=approver&asset=" + asset))).containsExactly(grant);
        assertThat(ids(ethics.get("/api/v1/grants?mine=pending"))).doesNotContain(grant);
        assertThat(ids(insurer.get("/api/v1/grants"))).doesNotContain(grant);
        assertThat(insurer.get("/api/v1/grants/" + grant).status()).isEqualTo(404);
        assertThat(ids(regulator.get("/api/v1/grants"))).contains(grant);
        assertThat(requester.get("/api/v1/grants/" + grant).json().path("approvalsRequired").asInt()).isEqualTo(2);

        // a job on the grant (submitted straight on chain: job endpoints are not part of this API yet)
        long job = F.as(REQUESTER).jobs().submit(new JobSubmission(Set.of(Operation.COUNT),
                Hash32.keccak("spec of the api flow"), List.of(grant), 250, 1, Duration.ofHours(1),
                BigInteger.valueOf(1_000_000)));
        JsonNode audited = awaitJob(regulator, "/api/v1/audit/jobs?asset=" + asset, job);
        assertThat(audited.path("requesterOrg").asLong()).isEqualTo(F.requesterOrg);
        assertThat(audited.path("feeWei").asText()).isEqualTo("1000000");
        assertThat(audited.path("status").asText()).isEqualTo("SUBMITTED");
        assertThat(audited.path("assets").get(0).path("grantId").asLong()).isEqualTo(grant);
        assertThat(audited.path("assets").get(0).path("providerOrg").asLong()).isEqualTo(F.hospitalOrg);

        assertThat(ids(regulator.get("/api/v1/audit/jobs?org=" + F.requesterOrg))).contains(job);
        long block = audited.path("submittedBlock").asLong();
        assertThat(ids(regulator.get("/api/v1/audit/jobs?from=" + block + "&to=" + block))).containsExactly(job);
        assertThat(ids(regulator.get("/api/v1/audit/jobs?to=" + (block - 1)))).doesNotContain(job);
        assertThat(ids(requester.get("/api/v1/audit/jobs"))).contains(job);
        assertThat(ids(hospital.get("/api/v1/audit/jobs?asset=" + asset))).containsExactly(job);
        assertThat(ids(ethics.get("/api/v1/audit/jobs"))).as("approver of the asset").contains(job);
        assertThat(ids(insurer.get("/api/v1/audit/jobs"))).doesNotContain(job);
        assertThat(insurer.get("/api/v1/audit/jobs?org=" + F.requesterOrg).status()).isEqualTo(403);

        ApiClient.Response grantAudit = regulator.get("/api/v1/audit/grants?asset=" + asset);
        assertThat(ids(grantAudit)).containsExactly(grant);
        assertThat(historyKinds(grantAudit.json().get(0)))
                .containsExactly("REQUESTED", "APPROVAL", "APPROVAL", "APPROVED", "CONSUMED");
        assertThat(ids(regulator.get("/api/v1/audit/grants?org=" + F.ethicsOrg))).contains(grant);
        assertThat(ids(insurer.get("/api/v1/audit/grants?asset=" + asset))).isEmpty();
        assertThat(insurer.get("/api/v1/audit/grants?org=" + F.hospitalOrg).status()).isEqualTo(403);
    }

    @Test
    void ownerPublishesNewVersionsAndRetires() {
        ApiClient hospital = as(HOSPITAL);
        long asset = publishHospitalAsset("Hospital admissions");
        Map<String, Object> version = versionBody(hash("admissions v2"), hash("meta v2"));
        version.put("metadataUri", "https://catalog.example/admissions/v2");
        ApiClient.Response v2 = hospital.post("/api/v1/assets/" + asset + "/versions", version);
        assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
        assertThat(v2.json().path("version").asInt()).isEqualTo(2);
        assertThat(v2.json().path("contentCommitment").asText()).isEqualTo(hash("admissions v2"));
        assertThat(v2.json().path("metadataUri").asText()).isEqualTo("https://catalog.example/admissions/v2");

        ApiClient.Response retired = hospital.post("/api/v1/assets/" + asset + "/retire", null);
        assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
        assertThat(retired.json().path("retired").asBoolean()).isTrue();
        assertThat(ids(hospital.get("/api/v1/assets?owner=" + F.hospitalOrg + "&limit=500"))).doesNotContain(asset);
        assertThat(ids(hospital.get("/api/v1/assets?owner=" + F.hospitalOrg + "&includeRetired=true&limit=500")))
                .contains(asset);
    }

    @Test
    void organisationsComeFromTheDirectory() {
        ApiClient.Response all = as(REQUESTER).get("/api/v1/organisations");
        assertThat(all.status()).isEqualTo(200);
        assertThat(ids(all)).contains(F.regulatorOrg, F.hospitalOrg, F.requesterOrg);
        ApiClient.Response hospital = as(REQUESTER).get("/api/v1/organisations/" + F.hospitalOrg);
        assertThat(hospital.json().path("name").asText()).isEqualTo("City Hospital");
        assertThat(texts(hospital.json().path("roles"))).containsExactly("PROVIDER");
        assertThat(texts(hospital.json().path("accounts"))).containsExactly(F.address(HOSPITAL).toLowerCase());
        ApiClient.Response missing = as(REQUESTER).get("/api/v1/organisations/9999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problemType()).isEqualTo("urn:dirchain:problem:not-found");
    }

    @Test
    void pagingSlicesTheOrderedResult() {
        long a = publishHospitalAsset("Paging one");
        long b = publishHospitalAsset("Paging two");
        List<Long> all = ids(as(REQUESTER).get("/api/v1/assets?q=paging"));
        assertThat(all).containsExactly(a, b);
        assertThat(ids(as(REQUESTER).get("/api/v1/assets?q=paging&limit=1"))).containsExactly(a);
        assertThat(ids(as(REQUESTER).get("/api/v1/assets?q=paging&offset=1&limit=1"))).containsExactly(b);
        assertThat(ids(as(REQUESTER).get("/api/v1/assets?q=paging&offset=5"))).isEmpty();
    }

    private static JsonNode awaitJob(ApiClient client, String path, long job) {
        return client.poll(path, r -> {
            for (JsonNode n : r.json()) {
                if (n.path("id").asLong() == job) {
                    return java.util.Optional.of(n);
                }
            }
            return java.util.Optional.empty();
        }, Duration.ofSeconds(20));
    }

    static List<Long> ids(ApiClient.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().forEach(n -> ids.add(n.path("id").asLong()));
        return ids;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static List<String> historyKinds(JsonNode grant) {
        List<String> kinds = new ArrayList<>();
        grant.path("history").forEach(h -> kinds.add(h.path("kind").asText()));
        return kinds;
    }
}
