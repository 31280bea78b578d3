package org.dirchain.coordinator.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.coordinator.CoordinatorProperties;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class AdminKeyBootstrapTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    private ApiKeyService keys;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    @BeforeEach
    void emptyDatabase() {
        var ds = new DriverManagerDataSource("jdbc:h2:mem:bootstrap" + DATABASES.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(ds).load().migrate();
        keys = new ApiKeyService(new ApiKeyRepository(JdbcClient.create(ds)), Clock.systemUTC());
    }

    private void run(CoordinatorProperties.Bootstrap settings) {
        new AdminKeyBootstrap(keys, new DirectoryIndex(), settings,
                new PrintStream(console, true, StandardCharsets.UTF_8)).run(null);
    }

    @Test
    void printsAFreshKeyOnceWhenNoFileIsConfigured() {
        run(new CoordinatorProperties.Bootstrap(1L, null, null, null));
        String printed = console.toString(StandardCharsets.UTF_8);
        String token = printed.lines().filter(l -> l.startsWith("dck_")).findFirst().orElseThrow();
        assertThat(keys.authenticate(token)).map(ApiKeyRecord::orgId).contains(1L);

        console.reset();
        run(new CoordinatorProperties.Bootstrap(1L, null, null, null));
        assertThat(console.size()).as("keys exist: nothing is generated or printed again").isZero();
        assertThat(keys.keysOf(1)).hasSize(1);
    }

    @Test
    void writesTheKeyToAnOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("keys/admin.key");
        run(new CoordinatorProperties.Bootstrap(1L, null, null, file));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(keys.authenticate(Files.readString(file).trim())).isPresent();
        assertThat(console.size()).isZero();
    }

    @Test
    void registersAnOfflineKeyByItsHashOnly() {
        ApiKeyTokens.GeneratedKey offline = ApiKeyTokens.generate();
        run(new CoordinatorProperties.Bootstrap(1L, offline.keyId(), offline.sha256Hex(), null));
        assertThat(keys.authenticate(offline.token())).map(ApiKeyRecord::orgId).contains(1L);
        assertThat(console.size()).isZero();
    }

    @Test
    void withoutAnAdminOrganisationNothingHappens() {
        run(new CoordinatorProperties.Bootstrap(null, null, null, null));
        assertThat(keys.noKeysYet()).isTrue();
    }

    @Test
    void halfAnOfflineKeyIsAConfigurationError() {
        assertThatThrownBy(() -> run(new CoordinatorProperties.Bootstrap(1L, "0123456789abcdef", null, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("admin-key-sha256");
    }
}
