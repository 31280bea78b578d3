package org.dirchain.coordinator.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code api_keys} table. Plain SQL that runs on H2 (PostgreSQL mode) and PostgreSQL alike. */
@Repository
public class ApiKeyRepository {
    private static final String COLUMNS =
            "key_id, org_id, key_sha256, label, created_at, created_by_org, revoked_at, revoked_by_org";

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(ApiKeyRecord key) {
        jdbc.sql("INSERT INTO api_keys (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(key.keyId(), key.orgId(), key.keySha256(), key.label(), utc(key.createdAt()),
                        key.createdByOrg(), utc(key.revokedAt()), key.revokedByOrg())
                .update();
    }

    public Optional<ApiKeyRecord> findById(String keyId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE key_id = ?")
                .param(keyId)
                .query(ApiKeyRepository::map)
                .optional();
    }

    public List<ApiKeyRecord> findByOrg(long orgId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM api_keys WHERE org_id = ? ORDER BY created_at, key_id")
                .param(orgId)
                .query(ApiKeyRepository::map)
                .list();
    }

    /** Marks the key revoked; false if it does not exist or was already revoked. */
    public boolean revoke(String keyId, Instant at, Long byOrg) {
        return jdbc.sql("UPDATE api_keys SET revoked_at = ?, revoked_by_org = ? WHERE key_id = ? AND revoked_at IS NULL")
                .params(utc(at), byOrg, keyId)
                .update() == 1;
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM api_keys").query(Long.class).single();
    }

    private static ApiKeyRecord map(ResultSet rs, int row) throws SQLException {
        return new ApiKeyRecord(rs.getString("key_id"), rs.getLong("org_id"), rs.getString("key_sha256"),
                rs.getString("label"), instant(rs, "created_at"), nullableLong(rs, "created_by_org"),
                instant(rs, "revoked_at"), nullableLong(rs, "revoked_by_org"));
    }

    /** OffsetDateTime is the type both drivers map TIMESTAMP WITH TIME ZONE to (JDBC 4.2). */
    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
