package org.dirchain.coordinator.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Pkcs12SecretStoreTest extends SecretStoreContract {
    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    private Path file;
    private Pkcs12SecretStore store;

    @BeforeEach
    void open() {
        file = dir.resolve("nested/secrets.p12");
        store = new Pkcs12SecretStore(file, PASSWORD);
    }

    @Override
    SecretStore store() {
        return store;
    }

    @Test
    void fileIsCreatedOnFirstWriteOwnerOnlyAndWithoutLeftovers() throws Exception {
        assertThat(file).doesNotExist();
        store.put("org/1/chain-key", new byte[] {42});
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("secrets.p12");
        }
    }

    @Test
    void survivesReopening() {
        store.put("org/7/chain-key", new byte[] {7, 7});
        store.put("org/8/chain-key", new byte[] {8});
        store.delete("org/8/chain-key");
        Pkcs12SecretStore reopened = new Pkcs12SecretStore(file, PASSWORD);
        assertThat(reopened.get("org/7/chain-key")).hasValueSatisfying(v -> assertThat(v).containsExactly(7, 7));
        assertThat(reopened.get("org/8/chain-key")).isEmpty();
    }

    @Test
    void isAStandardPkcs12KeystoreWithSecretKeyEntries() throws Exception {
        store.put("org/1/chain-key", new byte[] {1, 2, 3});
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD);
        }
        assertThat(Collections.list(ks.aliases())).containsExactly("org/1/chain-key");
        assertThat(ks.entryInstanceOf("org/1/chain-key", KeyStore.SecretKeyEntry.class)).isTrue();
    }

    @Test
    void wrongPasswordIsRefused() {
        store.put("org/1/chain-key", new byte[] {1});
        assertThatThrownBy(() -> new Pkcs12SecretStore(file, "wrong".toCharArray()))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void aPasswordIsRequired() {
        assertThatThrownBy(() -> new Pkcs12SecretStore(dir.resolve("x.p12"), new char[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DIRCHAIN_COORDINATOR_SECRETS_PKCS12_PASSWORD");
        assertThatThrownBy(() -> new Pkcs12SecretStore(dir.resolve("x.p12"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesAreNotInTheFileInClear() throws Exception {
        byte[] marker = "a-very-recognisable-secret-value".getBytes(StandardCharsets.US_ASCII);
        store.put("org/1/chain-key", marker);
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("a-very-recognisable-secret-value");
    }
}
