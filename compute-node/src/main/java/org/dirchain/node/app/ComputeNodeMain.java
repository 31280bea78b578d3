package org.dirchain.node.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.node.data.CsvTable;
import org.dirchain.node.data.DriverManagerDataSource;
import org.dirchain.node.data.JdbcTable;
import org.dirchain.node.data.LocalTable;
import org.dirchain.node.grpc.ComputeNodeServer;
import org.dirchain.node.privacy.ReleaseJournal;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * Starts a compute node from its configuration file, or, with {@code --commitments}, prints what a
 * provider publishes on chain for each configured asset (schema hash, content commitment).
 *
 * <p>Usage: {@code ComputeNodeMain <node.json> [--commitments]}
 */
public final class ComputeNodeMain {
    private ComputeNodeMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: ComputeNodeMain <node.json> [--commitments]");
            System.exit(2);
        }
        Path configFile = Path.of(args[0]).toAbsolutePath();
        NodeConfig config = NodeConfig.read(configFile);
        Map<Long, LocalTable> tables = tables(config, configFile.getParent());
        if (args.length > 1 && args[1].equals("--commitments")) {
            tables.forEach((id, t) -> {
                System.out.printf("asset %d  schemaHash %s  contentCommitment %s  (%s)%n", id,
                        org.dirchain.chain.model.Hash32.of(t.schema().schemaHash()), t.commitment().toHash32(),
                        t.schema().canonical());
                // ready to paste into the catalogue entry (POST /api/v1/assets), which the release policy refers to
                System.out.println("  \"schema\": " + t.schema().columns().stream()
                        .map(c -> "{\"name\": \"" + c.name() + "\", \"type\": \"" + c.type() + "\"}")
                        .collect(java.util.stream.Collectors.joining(", ", "[", "]")));
            });
            return;
        }
        Deployment deployment = Deployment.read(configFile.getParent().resolve(config.chain().deployment()));
        String password = System.getenv(config.signingKey().passwordEnv());
        if (password == null) {
            throw new IllegalStateException("environment variable " + config.signingKey().passwordEnv() + " is not set");
        }
        Credentials key = WalletUtils.loadCredentials(password,
                configFile.getParent().resolve(config.signingKey().walletFile()).toFile());
        ChainConnection chain = ChainConnection.open(config.chain().rpcUrl());
        DirectoryChain directory = DirectoryChain.connect(chain, deployment, key);
        long org = directory.organisations().orgOf(key.getAddress()).orElseThrow(() -> new IllegalStateException(
                "signing account " + key.getAddress() + " belongs to no organisation on chain"));
        if (org != config.organisation()) {
            throw new IllegalStateException("signing account belongs to organisation " + org + ", not "
                    + config.organisation());
        }
        ReleaseJournal journal = ReleaseJournal.open(configFile.getParent().resolve(config.stateDirOrDefault()),
                Clock.systemUTC());
        ComputeNodeServer server = NodeAssembly.start(chain, deployment, key, org, tables, config.listen().host(),
                config.listen().port(), journal);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            journal.close();
            chain.close();
        }, "node-stop"));
        Thread.currentThread().join();
    }

    static Map<Long, LocalTable> tables(NodeConfig config, Path base) {
        Map<Long, LocalTable> tables = new LinkedHashMap<>();
        for (NodeConfig.AssetSource a : config.assets()) {
            if (a.csv() != null) {
                tables.put(a.assetId(), CsvTable.inferring(base.resolve(a.csv().file())));
            } else {
                NodeConfig.Jdbc j = a.jdbc();
                String password = j.passwordEnv() == null ? null : System.getenv(j.passwordEnv());
                var source = new DriverManagerDataSource(j.url(), j.user(), password);
                tables.put(a.assetId(), j.columns() == null ? JdbcTable.connect(source, j.table())
                        : JdbcTable.connect(source, j.table(), j.columns()));
            }
        }
        return tables;
    }
}
