package org.dirchain.coordinator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import org.dirchain.chain.DirectoryFixture;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/** The coordinator runs, migrates and reports its database through the {@code postgres} profile. */
class PostgresProfileTest extends PostgresCoordinatorTest {

    @Test
    void runsOnPostgresqlThroughTheProfile() throws Exception {
        ApiClient regulator = ApiClient.bearer(port, Files.readString(adminKeyFile()).trim());
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
            assertThat(rs.getString(2)).isEqualTo("3");
        }
        ApiClient.Response health = ApiClient.anonymous(port).get("/actuator/health");
        assertThat(health.json().path("components").path("db").path("details").path("database").asText())
                .isEqualTo("PostgreSQL");
    }
}
