package org.dirchain.coordinator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything the coordinator is configured with ({@code dirchain.coordinator.*}). Defaults are the
 * embedded development setup; docs/api.md and docs/secrets.md describe production values.
 *
 * @param dataDir where the embedded defaults keep their files (H2 database, PKCS#12 keystore)
 * @param maxRequestBody the largest request body accepted on {@code /api/*}; larger ones are
 *     answered 413 unread. The largest legitimate body (a job with a 3072-bit Paillier key and its
 *     lists at their bounds) is far below the default.
 */
@Validated
@ConfigurationProperties("dirchain.coordinator")
public record CoordinatorProperties(
        @DefaultValue("./target/coordinator-data") Path dataDir,
        @Valid @DefaultValue Chain chain,
        @Valid @DefaultValue Index index,
        @Valid @DefaultValue Secrets secrets,
        @Valid @DefaultValue Bootstrap bootstrap,
        @Valid @DefaultValue Jobs jobs,
        @NotNull @DefaultValue("256KB") DataSize maxRequestBody,
        @Valid @DefaultValue RateLimit rateLimit) {

    /**
     * The directory chain: one JSON-RPC endpoint and the deployment file written by the deployer.
     *
     * @param maxReceiptPause cap of the receipt polling back-off; keep it below the block time
     */
    public record Chain(
            @NotBlank @DefaultValue("http://127.0.0.1:8545") String rpcUrl,
            @NotNull @DefaultValue("deployment.json") Path deploymentFile,
            @NotNull @DefaultValue("2m") Duration receiptTimeout,
            @NotNull @DefaultValue("250ms") Duration maxReceiptPause,
            @NotNull @DefaultValue("30s") Duration gasPriceRefresh) {}

    /**
     * The event index that serves every read.
     *
     * @param confirmations blocks a log must be buried under before it is indexed (0 on QBFT)
     * @param writeVisibilityTimeout how long a write waits for the index to show its effect
     */
    public record Index(
            @PositiveOrZero @DefaultValue("0") int confirmations,
            @NotNull @DefaultValue("1s") Duration pollInterval,
            @Positive @DefaultValue("2000") int batchBlocks,
            @NotNull @DefaultValue("30s") Duration writeVisibilityTimeout) {}

    /** Where chain signing keys and HE keys are kept: a local PKCS#12 file or HashiCorp Vault. */
    public record Secrets(
            @NotNull @DefaultValue("pkcs12") StoreKind store,
            @Valid @DefaultValue Pkcs12 pkcs12,
            @Valid @DefaultValue Vault vault) {

        public enum StoreKind {
            PKCS12,
            VAULT
        }
    }

    /**
     * @param path the keystore file; default {@code <data-dir>/secrets.p12}
     * @param password required; give it through the environment
     *     ({@code DIRCHAIN_COORDINATOR_SECRETS_PKCS12_PASSWORD}), never in a committed file
     */
    public record Pkcs12(Path path, String password) {}

    /**
     * HashiCorp Vault, KV secrets engine version 2.
     *
     * @param mount where the KV v2 engine is mounted (may have several segments, e.g. {@code kv/prod})
     * @param pathPrefix prefix under the mount for every secret of this coordinator
     * @param namespace Vault Enterprise namespace, or empty
     */
    public record Vault(
            URI address,
            String token,
            @NotBlank @DefaultValue("secret") String mount,
            @NotBlank @DefaultValue("dirchain/coordinator") String pathPrefix,
            String namespace,
            @NotNull @DefaultValue("5s") Duration openTimeout,
            @NotNull @DefaultValue("10s") Duration readTimeout,
            @PositiveOrZero @Max(10) @DefaultValue("2") int maxRetries,
            @NotNull @DefaultValue("500ms") Duration retryInterval) {}

    /**
     * The first API key, for the regulator/admin organisation, created when the key table is empty.
     * Either give the SHA-256 of a key generated offline ({@code adminKeyId} + {@code adminKeySha256}),
     * or let the coordinator generate one and write it to {@code adminKeyFile} (or print it once).
     */
    public record Bootstrap(
            @Positive Long adminOrgId,
            String adminKeyId,
            String adminKeySha256,
            Path adminKeyFile) {}

    /**
     * Job orchestration and the outbox of chain writes.
     *
     * @param operatorOrgId the organisation (role OPERATOR) the outbox attests, settles and fails as;
     *     its chain key is in the secret store like every organisation's. Without it jobs still run,
     *     but nothing is settled.
     * @param nodeDeadline how long a compute node may take for one contribution
     * @param orchestrationThreads jobs orchestrated at once (each calls its nodes in parallel)
     * @param outbox the processor that sends the recorded chain writes
     * @param recoveryInterval pause between two passes over the unfinished jobs (re-dispatch of
     *     interrupted ones, expiry of those past their deadline); one pass also runs at start
     */
    public record Jobs(
            @Positive Long operatorOrgId,
            @NotNull @DefaultValue("60s") Duration nodeDeadline,
            @Positive @DefaultValue("4") int orchestrationThreads,
            @Valid @DefaultValue Outbox outbox,
            @NotNull @DefaultValue("30s") Duration recoveryInterval) {}

    /**
     * @param enabled off: steps are recorded but not sent (another instance, or a later start, sends them)
     * @param interval pause between two passes over the pending steps
     * @param maxAttempts attempts before a step is marked FAILED with its last error
     */
    public record Outbox(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("1s") Duration interval,
            @Positive @DefaultValue("5") int maxAttempts,
            @NotNull @DefaultValue("2s") Duration retryPause) {}

    /**
     * A token bucket per API key on {@code /api/*}: {@code burst} requests at once, refilled at
     * {@code requestsPerSecond}; beyond it the answer is 429 with {@code Retry-After}.
     *
     * @param enabled off: no limit (e.g. behind a gateway that limits per client already)
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @Positive @DefaultValue("20") double requestsPerSecond,
            @Positive @DefaultValue("40") int burst) {}
}
