package org.dirchain.coordinator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dirchain.chain.DirectoryFixture;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the coordinator's API tests run against, started once per test JVM and shared by every
 * API test class (they then share one Spring context too): a real anvil with the directory
 * contracts and a small consortium ({@link DirectoryFixture} from catalog-chain's tests), the
 * deployment file, and a data directory for the H2 file database and the PKCS#12 secret store
 * (under {@code target/api-test-data}).
 */
public final class CoordinatorTestEnvironment {
    public static final String SECRETS_PASSWORD = "api-test-keystore-password";
    private static CoordinatorTestEnvironment instance;

    public final DirectoryFixture fixture;
    public final Path dataDir;
    public final Path deploymentFile;
    public final Path adminKeyFile;

    private CoordinatorTestEnvironment() throws IOException {
        this.fixture = DirectoryFixture.startWithConsortium();
        // under the module's target/ (removed by mvn clean), not deleted on exit: the Spring context
        // closes its H2 database in its own shutdown hook, which may run after ours
        Path parent = Files.createDirectories(Path.of("target", "api-test-data").toAbsolutePath());
        this.dataDir = Files.createTempDirectory(parent, "run-");
        this.deploymentFile = dataDir.resolve("deployment.json");
        this.adminKeyFile = dataDir.resolve("bootstrap-admin.key");
        fixture.deployment.write(deploymentFile);
        Runtime.getRuntime().addShutdownHook(new Thread(fixture::close, "coordinator-test-environment-stop"));
    }

    public static synchronized CoordinatorTestEnvironment get() {
        if (instance == null) {
            try {
                instance = new CoordinatorTestEnvironment();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    /** The coordinator's configuration for this environment (embedded defaults otherwise). */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("dirchain.coordinator.data-dir", dataDir::toString);
        registry.add("dirchain.coordinator.chain.rpc-url", fixture.dev::rpcUrl);
        registry.add("dirchain.coordinator.chain.deployment-file", deploymentFile::toString);
        registry.add("dirchain.coordinator.index.poll-interval", () -> "100ms");
        registry.add("dirchain.coordinator.secrets.pkcs12.password", () -> SECRETS_PASSWORD);
        registry.add("dirchain.coordinator.bootstrap.admin-org-id", () -> fixture.regulatorOrg);
        registry.add("dirchain.coordinator.bootstrap.admin-key-file", adminKeyFile::toString);
        registry.add("dirchain.coordinator.jobs.operator-org-id", () -> fixture.operatorOrg);
        registry.add("dirchain.coordinator.jobs.outbox.interval", () -> "200ms");
        registry.add("dirchain.coordinator.jobs.outbox.retry-pause", () -> "500ms");
        registry.add("dirchain.coordinator.jobs.recovery-interval", () -> "500ms");
    }
}
