package org.dirchain.coordinator.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Base64;
import org.dirchain.coordinator.testing.FakeVaultKvServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link VaultSecretStore} against {@link FakeVaultKvServer}, a test-only imitation of Vault's KV v2
 * HTTP API (no Vault server can run here). These tests pin down the requests the store makes and
 * how it reads the answers; they do not prove compatibility with a real Vault (see docs/secrets.md).
 */
class VaultSecretStoreTest extends SecretStoreContract {
    private static final String TOKEN = "hvs.test-token";

    private FakeVaultKvServer vault;
    private VaultSecretStore store;

    @BeforeEach
    void start() {
        vault = FakeVaultKvServer.start("kv/platform", TOKEN, null);
        store = store(TOKEN, "kv/platform", 0);
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    @Override
    SecretStore store() {
        return store;
    }

    private VaultSecretStore store(String token, String mount, int retries) {
        return new VaultSecretStore(new VaultSecretStore.Settings(vault.address(), token, mount,
                "/dirchain/coordinator/", null, Duration.ofSeconds(2), Duration.ofSeconds(5), retries,
                Duration.ofMillis(10)));
    }

    @Test
    void writesKvV2PathsUnderTheMountWithTheValueInBase64() {
        store.put("org/5/chain-key", new byte[] {(byte) 0xde, (byte) 0xad});
        assertThat(vault.stored("dirchain/coordinator/org/5/chain-key"))
                .hasValueSatisfying(data -> assertThat(data)
                        .containsEntry("value", Base64.getEncoder().encodeToString(new byte[] {(byte) 0xde, (byte) 0xad}))
                        .hasSize(1));
        FakeVaultKvServer.Request write = vault.requests().get(vault.requests().size() - 1);
        assertThat(write.method()).isEqualTo("POST");
        assertThat(write.path()).isEqualTo("/v1/kv/platform/data/dirchain/coordinator/org/5/chain-key");
        assertThat(write.token()).isEqualTo(TOKEN);
        assertThat(write.body()).startsWith("{\"data\":{");
    }

    @Test
    void deleteRemovesEveryVersionThroughTheMetadataPath() {
        store.put("org/6/chain-key", new byte[] {1});
        store.put("org/6/chain-key", new byte[] {2});
        assertThat(vault.versions("dirchain/coordinator/org/6/chain-key")).isEqualTo(2);
        assertThat(store.delete("org/6/chain-key")).isTrue();
        assertThat(vault.versions("dirchain/coordinator/org/6/chain-key")).isZero();
        assertThat(vault.requests()).anySatisfy(r -> {
            assertThat(r.method()).isEqualTo("DELETE");
            assertThat(r.path()).isEqualTo("/v1/kv/platform/metadata/dirchain/coordinator/org/6/chain-key");
        });
    }

    @Test
    void aRefusedTokenIsAnErrorNotAMissingSecret() {
        store.put("org/1/chain-key", new byte[] {1});
        VaultSecretStore wrongToken = store("hvs.wrong", "kv/platform", 0);
        assertThatThrownBy(() -> wrongToken.get("org/1/chain-key"))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("403");
        assertThatThrownBy(() -> wrongToken.put("org/1/chain-key", new byte[] {2}))
                .isInstanceOf(SecretStoreException.class).hasMessageContaining("403");
        assertThat(store.get("org/1/chain-key")).hasValueSatisfying(v -> assertThat(v).containsExactly(1));
    }

    @Test
    void serverErrorsAreRetriedThenReported() {
        store.put("org/1/chain-key", new byte[] {9});
        VaultSecretStore retrying = store(TOKEN, "kv/platform", 2);
        vault.failNext(2, 503);
        assertThat(retrying.get("org/1/chain-key")).hasValueSatisfying(v -> assertThat(v).containsExactly(9));
        vault.failNext(5, 503);
        assertThatThrownBy(() -> retrying.get("org/1/chain-key")).isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("503");
    }

    @Test
    void sendsTheNamespaceWhenConfigured() {
        try (FakeVaultKvServer enterprise = FakeVaultKvServer.start("secret", TOKEN, "hospital-a")) {
            VaultSecretStore scoped = new VaultSecretStore(new VaultSecretStore.Settings(enterprise.address(), TOKEN,
                    "secret", "dirchain", "hospital-a", Duration.ofSeconds(2), Duration.ofSeconds(5), 0,
                    Duration.ofMillis(10)));
            scoped.put("org/1/chain-key", new byte[] {1});
            assertThat(enterprise.requests()).allSatisfy(r -> assertThat(r.namespace()).isEqualTo("hospital-a"));
            assertThat(enterprise.stored("dirchain/org/1/chain-key")).isPresent();
        }
    }

    @Test
    void descriptionNamesTheLocationButNotTheToken() {
        assertThat(store.description()).contains("/v1/kv/platform/dirchain/coordinator").doesNotContain(TOKEN);
    }

    @Test
    void configurationIsCheckedUpFront() {
        assertThatThrownBy(() -> store(null, "secret", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token");
    }
}
