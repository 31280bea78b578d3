package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.DirectoryFixture;
import org.dirchain.coordinator.testing.CoordinatorTestEnvironment;
import org.dirchain.testing.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.utils.Numeric;

/**
 * The production database configuration: the whole coordinator with profile {@code postgres}
 * against a real PostgreSQL ({@link LocalPostgres}; skipped where PostgreSQL is not installed),
 * configured only through the profile's DIRCHAIN_DB_* settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("postgres")
@DirtiesContext
class PostgresProfileTest {
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
        registry.add("dirchain.coordinator.secrets.pkcs12.path", () -> ENV.dataDir.resolve("postgres-secrets.p12"));
        registry.add("dirchain.coordinator.bootstrap.admin-key-file", () -> ENV.dataDir.resolve("postgres-admin.key"));
    }

    @Test
    void runsOnPostgresqlThroughTheProfile() throws Exception {
        ApiClient regulator = ApiClient.bearer(port, Files.readString(ENV.dataDir.resolve("postgres-admin.key")).trim());
        long hospital = ENV.fixture.hospitalOrg;
        ApiClient.Response issued = regulator.post("/api/v1/admin/organisations/" + hospital + "/api-keys", null);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        ApiClient.Response signing = regulator.put("/api/v1/admin/organisations/" + hospital + "/signing-key",
                Map.of("privateKey", Numeric.toHexStringWithPrefixZeroPadded(
                        ENV.fixture.key(DirectoryFixture.HOSPITAL).getEcKeyPair().getPrivateKey(), 64)));
        assertThat(signing.status()).as(signing.toString()).isEqualTo(200);

        ApiClient hospitalClient = ApiClient.bearer(port, issued.json().path("apiKey").asText());
        ApiClient.Response published = hospitalClient.post("/api/v1/assets",
                ApiTestBase.assetBody("Stored on PostgreSQL", List.of(), 1));
        assertThat(published.status()).as(published.toString()).isEqualTo(201);

        try (Connection c = DriverManager.getConnection(databaseUrl, postgres.user(), postgres.password());
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT (SELECT COUNT(*) FROM api_keys), (SELECT MAX(version) FROM flyway_schema_history)")) {
            rs.next();
            assertThat(rs.getLong(1)).as("bootstrap key + hospital key").isEqualTo(2);
            assertThat(rs.getString(2)).isEqualTo("1");
        }
        ApiClient.Response health = ApiClient.anonymous(port).get("/actuator/health");
        assertThat(health.json().path("components").path("db").path("details").path("database").asText())
                .isEqualTo("PostgreSQL");
    }
}
