package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.dirchain.chain.DirectoryFixture;

/**
 * The fixture's organisations onboarded into one running coordinator the way an operator would:
 * the regulator, with the bootstrap key the coordinator wrote on first start, issues each
 * organisation an API key and registers its chain key, all through the API; each once.
 */
final class Onboarding {
    private final int port;
    private final Path adminKeyFile;
    /** API keys by fixture account. */
    private final Map<Integer, String> keys = new HashMap<>();

    Onboarding(int port, Path adminKeyFile) {
        this.port = port;
        this.adminKeyFile = adminKeyFile;
    }

    /** A client acting for the organisation of fixture account {@code account}. */
    ApiClient as(int account) {
        return ApiClient.bearer(port, keyOf(account));
    }

    synchronized String keyOf(int account) { // onboarding needs the regulator's key: no computeIfAbsent
        String key = keys.get(account);
        if (key == null) {
            key = onboard(account);
            keys.put(account, key);
        }
        return key;
    }

    private String onboard(int account) {
        long org = ApiTestBase.orgOf(account);
        String apiKey;
        if (account == DirectoryFixture.ADMIN) {
            try {
                apiKey = Files.readString(adminKeyFile).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("the coordinator did not write the bootstrap admin key", e);
            }
        } else {
            ApiClient.Response issued = ApiClient.bearer(port, keyOf(DirectoryFixture.ADMIN))
                    .post("/api/v1/admin/organisations/" + org + "/api-keys", Map.of("label", "test key"));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            apiKey = issued.json().path("apiKey").asText();
        }
        ApiClient.Response signing = ApiClient.bearer(port, account == DirectoryFixture.ADMIN ? apiKey
                : keyOf(DirectoryFixture.ADMIN))
                .put("/api/v1/admin/organisations/" + org + "/signing-key",
                        Map.of("privateKey", ApiTestBase.privateKeyHex(account)));
        assertThat(signing.status()).as(signing.toString()).isEqualTo(200);
        return apiKey;
    }
}
