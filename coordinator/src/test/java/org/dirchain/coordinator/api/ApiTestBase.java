package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.chain.model.Hash32;
import org.dirchain.coordinator.testing.CoordinatorTestEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.utils.Numeric;

/**
 * The coordinator on a random port against a real anvil ({@link CoordinatorTestEnvironment}). Every
 * organisation of the fixture's consortium is onboarded the way an operator would: the regulator,
 * with the bootstrap key the coordinator wrote on first start, issues each organisation an API key
 * and registers its chain key, all through the API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTestBase {
    static final CoordinatorTestEnvironment ENV = CoordinatorTestEnvironment.get();
    static final DirectoryFixture F = ENV.fixture;
    /** Organisations onboarded, by port of the coordinator: one shared context per test JVM. */
    private static final Map<Integer, Onboarding> ONBOARDED = new HashMap<>();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void coordinatorProperties(DynamicPropertyRegistry registry) {
        ENV.register(registry);
    }

    /** A client acting for the organisation of fixture account {@code account}. */
    ApiClient as(int account) {
        return ApiClient.bearer(port, keyOf(account));
    }

    ApiClient regulator() {
        return as(DirectoryFixture.ADMIN);
    }

    String keyOf(int account) {
        Onboarding onboarding;
        synchronized (ONBOARDED) {
            onboarding = ONBOARDED.computeIfAbsent(port, p -> new Onboarding(p, ENV.adminKeyFile));
        }
        return onboarding.keyOf(account);
    }

    static String privateKeyHex(int account) {
        return Numeric.toHexStringWithPrefixZeroPadded(F.key(account).getEcKeyPair().getPrivateKey(), 64);
    }

    static long orgOf(int account) {
        return switch (account) {
            case DirectoryFixture.ADMIN -> F.regulatorOrg;
            case DirectoryFixture.HOSPITAL -> F.hospitalOrg;
            case DirectoryFixture.ETHICS -> F.ethicsOrg;
            case DirectoryFixture.NODE_A -> F.nodeAOrg;
            case DirectoryFixture.NODE_B -> F.nodeBOrg;
            case DirectoryFixture.REQUESTER -> F.requesterOrg;
            case DirectoryFixture.OTHER_REQUESTER -> F.otherRequesterOrg;
            case DirectoryFixture.OPERATOR -> F.operatorOrg;
            case DirectoryFixture.HOSPITAL_B -> F.hospitalBOrg;
            default -> throw new IllegalArgumentException("account " + account + " has no organisation");
        };
    }

    static String hash(String text) {
        return Hash32.keccak(text).hex();
    }

    /** A valid publish body served by node A, with the given approvers (k of them required). */
    static Map<String, Object> assetBody(String title, List<Long> approvers, int k) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("metadataUri", "https://catalog.example/assets/" + title.hashCode());
        body.put("metadataHash", hash("metadata " + title));
        body.put("schema", schemaBody(DirectoryFixture.SCHEMA));
        body.put("contentCommitment", hash("content " + title + System.nanoTime()));
        body.put("classification", "CONFIDENTIAL");
        body.put("allowedOps", List.of("COUNT", "SUM", "MEAN"));
        body.put("nodeOrg", F.nodeAOrg);
        body.put("tags", List.of("diabetes", "hba1c"));
        body.put("approvers", approvers);
        body.put("approvalsRequired", k);
        body.put("releasePolicy", openPolicy(10));
        return body;
    }

    /** A schema text as the API's list of columns. */
    static List<Map<String, String>> schemaBody(String canonical) {
        return java.util.Arrays.stream(canonical.split(",")).map(c -> Map.of("name", c.substring(0, c.indexOf(':')),
                "type", c.substring(c.indexOf(':') + 1))).toList();
    }

    /** No DP required, nothing protected, any epsilon: only a minimum cell size. */
    static Map<String, Object> openPolicy(int minCellSize) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("dpRequired", false);
        p.put("maxEpsilon", 1_000_000);
        p.put("requesterEpsilonBudget", 1_000_000_000);
        p.put("minCellSize", minCellSize);
        p.put("maxCells", 1000);
        p.put("integerGroups", true);
        p.put("quasiIdentifierRanges", true);
        return p;
    }

    /** A version body: new commitment, the fixture's schema, the open policy. */
    static Map<String, Object> versionBody(String commitment, String metadataHash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("contentCommitment", commitment);
        body.put("metadataHash", metadataHash);
        body.put("schema", schemaBody(DirectoryFixture.SCHEMA));
        body.put("releasePolicy", openPolicy(10));
        return body;
    }

    static Map<String, Object> grantBody(long assetId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("assetId", assetId);
        body.put("operations", List.of("COUNT", "MEAN"));
        body.put("purposeHash", hash("study protocol 7"));
        body.put("durationSeconds", 30L * 24 * 3600);
        body.put("maxJobs", 5);
        body.put("epsilonBudgetMilli", 2000);
        return body;
    }

    /** Publishes an asset of the hospital (owner alone approves) and returns its id. */
    long publishHospitalAsset(String title) {
        ApiClient.Response r = as(DirectoryFixture.HOSPITAL).post("/api/v1/assets", assetBody(title, List.of(), 1));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    long chainBlock() {
        return F.chain.blockNumber();
    }
}
