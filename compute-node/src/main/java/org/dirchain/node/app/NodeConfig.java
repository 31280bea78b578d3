package org.dirchain.node.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A node's configuration file (JSON). Paths are relative to the file's directory; secrets are
 * named by environment variable, never written in the file.
 *
 * <pre>{@code
 * {
 *   "listen": {"host": "0.0.0.0", "port": 7443},
 *   "chain": {"rpcUrl": "http://127.0.0.1:8545", "deployment": "deployment.json"},
 *   "organisation": 4,
 *   "signingKey": {"walletFile": "node-key.json", "passwordEnv": "NODE_KEY_PASSWORD"},
 *   "stateDir": "state",
 *   "assets": [
 *     {"assetId": 1, "csv": {"file": "data/patients.csv"}},
 *     {"assetId": 2, "jdbc": {"url": "jdbc:postgresql://db/registry", "user": "reader",
 *                            "passwordEnv": "REGISTRY_DB_PASSWORD", "table": "public.patients"}}
 *   ]
 * }
 * }</pre>
 *
 * <p>{@code stateDir} (default {@code state}) holds what the node must remember across restarts:
 * the journal of answers it released under differential privacy.
 */
public record NodeConfig(Listen listen, Chain chain, long organisation, SigningKey signingKey, String stateDir,
        List<AssetSource> assets) {

    /** The state directory, {@code state} when not configured. */
    public String stateDirOrDefault() {
        return stateDir == null || stateDir.isBlank() ? "state" : stateDir;
    }

    public record Listen(String host, int port) {}

    public record Chain(String rpcUrl, String deployment) {}

    /** An Ethereum JSON keystore (V3) file, as geth, Besu or {@code cast wallet} write it. */
    public record SigningKey(String walletFile, String passwordEnv) {}

    public record Csv(String file) {}

    public record Jdbc(String url, String user, String passwordEnv, String table, List<String> columns) {}

    /** Exactly one of {@code csv} and {@code jdbc}. */
    public record AssetSource(long assetId, Csv csv, Jdbc jdbc) {}

    public static NodeConfig read(Path file) {
        try {
            NodeConfig c = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(file.toFile(), NodeConfig.class);
            c.validate();
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read node configuration " + file + ": " + e.getMessage(), e);
        }
    }

    void validate() {
        require(listen != null && listen.host() != null && listen.port() >= 0 && listen.port() < 65536,
                "listen.host and listen.port (0-65535) are required");
        require(chain != null && chain.rpcUrl() != null && chain.deployment() != null,
                "chain.rpcUrl and chain.deployment are required");
        require(organisation > 0, "organisation must be the node organisation's on-chain id");
        require(signingKey != null && signingKey.walletFile() != null && signingKey.passwordEnv() != null,
                "signingKey.walletFile and signingKey.passwordEnv are required");
        require(assets != null && !assets.isEmpty(), "assets must list at least one asset");
        for (AssetSource a : assets) {
            require(a.assetId() > 0, "assets[].assetId must be positive");
            require((a.csv() == null) != (a.jdbc() == null), "asset " + a.assetId() + ": give exactly one of csv, jdbc");
            require(a.jdbc() == null || (a.jdbc().url() != null && a.jdbc().table() != null),
                    "asset " + a.assetId() + ": jdbc needs url and table");
        }
        require(assets.stream().map(AssetSource::assetId).distinct().count() == assets.size(),
                "an asset id is listed twice");
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("node configuration: " + message);
        }
    }
}
