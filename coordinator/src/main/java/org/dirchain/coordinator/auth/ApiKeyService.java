package org.dirchain.coordinator.auth;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Issues, checks and revokes per-organisation API keys. */
@Service
public class ApiKeyService {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyService.class);

    /** A key just issued: the token is in this object only, never stored. */
    public record IssuedKey(ApiKeyRecord record, String token) {
        @Override
        public String toString() {
            return "IssuedKey[" + record + "]";
        }
    }

    private final ApiKeyRepository repository;
    private final Clock clock;

    public ApiKeyService(ApiKeyRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public IssuedKey issue(long orgId, String label, Long issuedByOrg) {
        ApiKeyTokens.GeneratedKey key = ApiKeyTokens.generate();
        ApiKeyRecord record = new ApiKeyRecord(key.keyId(), orgId, key.sha256Hex(), label == null ? "" : label,
                clock.instant(), issuedByOrg, null, null);
        repository.insert(record);
        LOG.info("api key issued key={} org={} by={}", record.keyId(), orgId, issuedByOrg);
        return new IssuedKey(record, key.token());
    }

    /** Registers a key generated elsewhere, known here only by its id and SHA-256. */
    public ApiKeyRecord register(String keyId, String sha256Hex, long orgId, String label, Long issuedByOrg) {
        if (!ApiKeyTokens.isKeyId(keyId) || !ApiKeyTokens.isSha256Hex(sha256Hex)) {
            throw new IllegalArgumentException("key id must be 16 lower-case hex digits and the hash 64");
        }
        ApiKeyRecord record = new ApiKeyRecord(keyId, orgId, sha256Hex, label, clock.instant(), issuedByOrg, null,
                null);
        repository.insert(record);
        LOG.info("api key registered key={} org={}", keyId, orgId);
        return record;
    }

    /** The active key matching {@code token}, or empty (unknown, malformed, wrong secret or revoked). */
    public Optional<ApiKeyRecord> authenticate(String token) {
        return ApiKeyTokens.keyIdOf(token)
                .flatMap(repository::findById)
                .filter(k -> ApiKeyTokens.matches(token, k.keySha256()))
                .filter(ApiKeyRecord::active);
    }

    public Optional<ApiKeyRecord> find(String keyId) {
        return ApiKeyTokens.isKeyId(keyId) ? repository.findById(keyId) : Optional.empty();
    }

    public List<ApiKeyRecord> keysOf(long orgId) {
        return repository.findByOrg(orgId);
    }

    public boolean revoke(String keyId, long byOrg) {
        boolean revoked = repository.revoke(keyId, clock.instant(), byOrg);
        if (revoked) {
            LOG.info("api key revoked key={} by={}", keyId, byOrg);
        }
        return revoked;
    }

    public boolean noKeysYet() {
        return repository.count() == 0;
    }
}
