package org.dirchain.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTokensTest {

    @Test
    void generatedKeysHaveTheDocumentedFormatAndAreUnique() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            ApiKeyTokens.GeneratedKey k = ApiKeyTokens.generate();
            assertThat(k.token()).matches("dck_[0-9a-f]{16}_[A-Za-z0-9_-]{43}");
            assertThat(ApiKeyTokens.keyIdOf(k.token())).contains(k.keyId());
            assertThat(k.sha256Hex()).isEqualTo(ApiKeyTokens.sha256Hex(k.token())).hasSize(64);
            assertThat(k.toString()).doesNotContain(k.token());
            tokens.add(k.token());
        }
        assertThat(tokens).hasSize(200);
    }

    @Test
    void matchesOnlyTheExactKey() {
        ApiKeyTokens.GeneratedKey k = ApiKeyTokens.generate();
        assertThat(ApiKeyTokens.matches(k.token(), k.sha256Hex())).isTrue();
        String oneCharOff = k.token().substring(0, k.token().length() - 1)
                + (k.token().endsWith("A") ? "B" : "A");
        assertThat(ApiKeyTokens.matches(oneCharOff, k.sha256Hex())).isFalse();
        assertThat(ApiKeyTokens.matches(k.token(), "not-a-hash")).isFalse();
        assertThat(ApiKeyTokens.matches(null, k.sha256Hex())).isFalse();
    }

    @Test
    void malformedTokensHaveNoKeyId() {
        for (String bad : new String[] {"", "dck_", "Bearer x", "dck_0123456789abcdef_short",
                "dck_0123456789ABCDEF_" + "a".repeat(43), "xyz_0123456789abcdef_" + "a".repeat(43)}) {
            assertThat(ApiKeyTokens.keyIdOf(bad)).as(bad).isEmpty();
        }
        assertThat(ApiKeyTokens.keyIdOf(null)).isEmpty();
    }
}
