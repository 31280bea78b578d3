package org.dirchain.coordinator.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.dirchain.coordinator.auth.ApiKeyRecord;
import org.dirchain.coordinator.auth.ApiKeyRepository;
import org.dirchain.coordinator.auth.ApiKeyService;
import org.dirchain.coordinator.auth.ApiKeyTokens;
import org.dirchain.testing.LocalPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The Flyway migrations and the SQL of the repositories, on both databases the coordinator supports:
 * H2 in PostgreSQL mode (embedded default) and a real PostgreSQL ({@link LocalPostgres}; these cases
 * are skipped, saying why, where PostgreSQL is not installed). Each case gets a fresh database.
 */
class MigrationsAndRepositoryTest {
    enum Database {
        H2,
        POSTGRESQL
    }

    private static final AtomicInteger H2_DATABASES = new AtomicInteger();
    private static LocalPostgres postgres;

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private static DataSource freshDatabase(Database db) {
        return switch (db) {
            case H2 -> new DriverManagerDataSource("jdbc:h2:mem:migrations" + H2_DATABASES.incrementAndGet()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
            case POSTGRESQL -> {
                if (postgres == null) {
                    postgres = LocalPostgres.startOrAbort();
                }
                yield new DriverManagerDataSource(postgres.createDatabase(), postgres.user(), postgres.password());
            }
        };
    }

    private static DataSource migrated(Database db) {
        DataSource ds = freshDatabase(db);
        MigrateResult result = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        assertThat(result.success).isTrue();
        return ds;
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void migrationsCreateTheSchemaAndValidate(Database db) throws Exception {
        DataSource ds = freshDatabase(db);
        Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();
        MigrateResult result = flyway.migrate();
        assertThat(result.migrationsExecuted).isEqualTo(3);
        assertThat(result.targetSchemaVersion).isEqualTo("3");
        flyway.validate();
        assertThat(flyway.migrate().migrationsExecuted).as("a second run applies nothing").isZero();

        List<String> tables = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        }
        assertThat(tables).contains("api_keys", "jobs", "job_contributions", "job_results", "outbox", "training_rounds",
                "training_checkpoints");
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void apiKeysRoundTripAndRevokeOnce(Database db) {
        ApiKeyRepository repo = new ApiKeyRepository(JdbcClient.create(migrated(db)));
        Instant created = Instant.parse("2026-03-01T10:15:30.123456Z");
        ApiKeyRecord key = new ApiKeyRecord("0123456789abcdef", 3, "a".repeat(64), "billing", created, 1L, null, null);
        repo.insert(key);
        repo.insert(new ApiKeyRecord("fedcba9876543210", 3, "b".repeat(64), "", created.plusSeconds(1), null, null,
                null));
        repo.insert(new ApiKeyRecord("1111111111111111", 4, "c".repeat(64), "", created, 1L, null, null));

        assertThat(repo.findById("0123456789abcdef")).contains(key);
        assertThat(repo.findById("0000000000000000")).isEmpty();
        assertThat(repo.findByOrg(3)).extracting(ApiKeyRecord::keyId)
                .containsExactly("0123456789abcdef", "fedcba9876543210");
        assertThat(repo.count()).isEqualTo(3);

        Instant revokedAt = created.plus(1, ChronoUnit.DAYS);
        assertThat(repo.revoke("0123456789abcdef", revokedAt, 1L)).isTrue();
        assertThat(repo.revoke("0123456789abcdef", revokedAt.plusSeconds(5), 3L)).as("already revoked").isFalse();
        assertThat(repo.revoke("0000000000000000", revokedAt, 1L)).isFalse();
        ApiKeyRecord revoked = repo.findById("0123456789abcdef").orElseThrow();
        assertThat(revoked.active()).isFalse();
        assertThat(revoked.revokedAt()).isEqualTo(revokedAt);
        assertThat(revoked.revokedByOrg()).isEqualTo(1L);

        assertThatThrownBy(() -> repo.insert(key)).isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> repo.insert(new ApiKeyRecord("2222222222222222", 0, "d".repeat(64), "", created,
                null, null, null))).isInstanceOf(DataIntegrityViolationException.class);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void issuedKeysAuthenticateUntilRevoked(Database db) {
        ApiKeyService service = new ApiKeyService(new ApiKeyRepository(JdbcClient.create(migrated(db))),
                java.time.Clock.systemUTC());
        assertThat(service.noKeysYet()).isTrue();
        ApiKeyService.IssuedKey issued = service.issue(9, "partner", 1L);
        assertThat(service.authenticate(issued.token())).map(ApiKeyRecord::orgId).contains(9L);
        assertThat(service.authenticate(ApiKeyTokens.generate().token())).isEmpty();
        assertThat(service.revoke(issued.record().keyId(), 1)).isTrue();
        assertThat(service.authenticate(issued.token())).isEmpty();

        ApiKeyTokens.GeneratedKey offline = ApiKeyTokens.generate();
        service.register(offline.keyId(), offline.sha256Hex(), 1, "bootstrap", null);
        assertThat(service.authenticate(offline.token())).map(ApiKeyRecord::orgId).contains(1L);
    }

    @ParameterizedTest
    @EnumSource(Database.class)
    void jobTablesKeepBytesAndTheOutboxRecordsEachStepOnce(Database db) {
        JdbcClient jdbc = JdbcClient.create(migrated(db));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        byte[] spec = new byte[4096];
        for (int i = 0; i < spec.length; i++) {
            spec[i] = (byte) (i * 31);
        }
        jdbc.sql("INSERT INTO jobs (id, requester_org, kind, status, spec, spec_hash, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(17L, 5L, "AGGREGATE", "DISPATCHED", spec, "0x" + "ab".repeat(32), now, now).update();
        assertThat(jdbc.sql("SELECT spec FROM jobs WHERE id = 17").query(byte[].class).single()).isEqualTo(spec);

        byte[] ciphertext = {0, 1, (byte) 0xff, 42};
        jdbc.sql("INSERT INTO job_contributions (job_id, asset_index, asset_id, node_org, status, payload, "
                + "attested_commitment, attested_weight, attestation_signature, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(17L, 0, 3L, 4L, "RECEIVED", ciphertext, "0x" + "cd".repeat(32), 120L, "0x" + "ef".repeat(65),
                        now, now).update();
        assertThat(jdbc.sql("SELECT payload FROM job_contributions WHERE job_id = 17 AND asset_id = 3")
                .query(byte[].class).single()).isEqualTo(ciphertext);
        jdbc.sql("INSERT INTO job_results (job_id, requester_org, payload, result_hash, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(17L, 5L, new byte[] {7}, "0x" + "12".repeat(32), now).update();
        assertThat(jdbc.sql("SELECT created_at FROM job_results WHERE job_id = 17").query(OffsetDateTime.class).single()
                .toInstant()).isEqualTo(now.toInstant());

        String insertStep = "INSERT INTO outbox (job_id, kind, discriminator, payload, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        jdbc.sql(insertStep).params(17L, "ATTEST", "0", "{\"assetIndex\":0}", now, now).update();
        jdbc.sql(insertStep).params(17L, "ATTEST", "1", "{\"assetIndex\":1}", now, now).update();
        jdbc.sql(insertStep).params(17L, "SETTLE", "", "{}", now, now).update();
        assertThatThrownBy(() -> jdbc.sql(insertStep).params(17L, "ATTEST", "0", "{}", now, now).update())
                .as("the same step twice").isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> jdbc.sql(insertStep).params(17L, "PAYOUT", "", "{}", now, now).update())
                .as("unknown kind").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql(insertStep).params(99L, "FAIL", "", "{}", now, now).update())
                .as("unknown job").isInstanceOf(DataIntegrityViolationException.class);

        assertThat(jdbc.sql("SELECT status FROM outbox WHERE job_id = 17 GROUP BY status").query(String.class).list())
                .containsExactly("PENDING");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM outbox WHERE attempts = 0").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT id FROM outbox ORDER BY id").query(Long.class).list()).hasSize(3).doesNotHaveDuplicates();
        assertThatThrownBy(() -> jdbc.sql("UPDATE outbox SET status = 'LOST' WHERE kind = 'SETTLE'").update())
                .isInstanceOf(DataIntegrityViolationException.class);

        jdbc.sql("DELETE FROM outbox").update();
        jdbc.sql("DELETE FROM jobs WHERE id = 17").update();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_contributions").query(Long.class).single())
                .as("contributions and results go with their job").isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM job_results").query(Long.class).single()).isZero();
    }
}
