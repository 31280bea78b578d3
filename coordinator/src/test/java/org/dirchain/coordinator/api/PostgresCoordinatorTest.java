package org.dirchain.coordinator.api;

import java.nio.file.Path;
import org.dirchain.coordinator.testing.CoordinatorTestEnvironment;
import org.dirchain.testing.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The production database configuration: the whole coordinator with profile {@code postgres}
 * against a real PostgreSQL ({@link LocalPostgres}; each test class aborted with the reason where
 * PostgreSQL is not installed), configured only through the profile's DIRCHAIN_DB_* settings. Each
 * class gets a fresh database, its own keystore and bootstrap key file, and its own context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@DirtiesContext
abstract class PostgresCoordinatorTest {
    static final CoordinatorTestEnvironment ENV = CoordinatorTestEnvironment.get();
    static LocalPostgres postgres;
    static String databaseUrl;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startPostgres() {
        postgres = LocalPostgres.startOrAbort();
        databaseUrl = postgres.createDatabase();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ENV.register(registry);
        registry.add("DIRCHAIN_DB_URL", () -> databaseUrl);
        registry.add("DIRCHAIN_DB_USER", () -> postgres.user());
        registry.add("DIRCHAIN_DB_PASSWORD", () -> postgres.password());
        registry.add("management.endpoint.health.show-details", () -> "always");
        // its own keystore and bootstrap key file: this context must not touch the shared H2 context's
        registry.add("dirchain.coordinator.secrets.pkcs12.path", () -> dataFile("secrets.p12"));
        registry.add("dirchain.coordinator.bootstrap.admin-key-file", () -> dataFile("admin.key"));
    }

    /** A file of this class's database, next to the shared H2 context's data. */
    static Path dataFile(String name) {
        return ENV.dataDir.resolve("postgres-" + databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1) + "-" + name);
    }

    Path adminKeyFile() {
        return dataFile("admin.key");
    }
}
