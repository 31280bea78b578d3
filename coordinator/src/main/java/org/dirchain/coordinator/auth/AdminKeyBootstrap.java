package org.dirchain.coordinator.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.dirchain.chain.index.DirectoryIndex;
import org.dirchain.chain.model.Role;
import org.dirchain.coordinator.CoordinatorProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first API key, for the regulator/admin organisation, when the key table is empty;
 * every other key is then issued through the API by that organisation. Two ways:
 *
 * <ul>
 *   <li>{@code bootstrap.admin-key-id} + {@code bootstrap.admin-key-sha256}: a key generated
 *       offline; the coordinator never sees the key itself.
 *   <li>otherwise a fresh key, written to {@code bootstrap.admin-key-file} (owner-only permissions)
 *       or, without a file, printed once to standard output. It cannot be shown again; if lost,
 *       empty the table and restart, or issue a new one with another regulator key.
 * </ul>
 */
@Component
class AdminKeyBootstrap implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(AdminKeyBootstrap.class);
    private static final String LABEL = "bootstrap admin key";

    private final ApiKeyService keys;
    private final DirectoryIndex index;
    private final CoordinatorProperties.Bootstrap settings;
    private final PrintStream console;

    @Autowired
    AdminKeyBootstrap(ApiKeyService keys, DirectoryIndex index, CoordinatorProperties properties) {
        this(keys, index, properties.bootstrap(), System.out);
    }

    AdminKeyBootstrap(ApiKeyService keys, DirectoryIndex index, CoordinatorProperties.Bootstrap settings,
            PrintStream console) {
        this.keys = keys;
        this.index = index;
        this.settings = settings;
        this.console = console;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean offline = settings.adminKeyId() != null || settings.adminKeySha256() != null;
        if (offline && (!ApiKeyTokens.isKeyId(settings.adminKeyId())
                || !ApiKeyTokens.isSha256Hex(settings.adminKeySha256()))) {
            throw new IllegalStateException("dirchain.coordinator.bootstrap.admin-key-id (16 lower-case hex digits) "
                    + "and admin-key-sha256 (64 lower-case hex digits) must be given together");
        }
        if (!keys.noKeysYet()) {
            return;
        }
        Long orgId = settings.adminOrgId();
        if (orgId == null) {
            LOG.warn("no API keys exist and dirchain.coordinator.bootstrap.admin-org-id is not set: "
                    + "nobody can use the API until it is");
            return;
        }
        boolean regulator = index.organisation(orgId).map(o -> o.roles().contains(Role.REGULATOR)).orElse(false);
        if (!regulator) {
            LOG.warn("bootstrap admin organisation {} is not a REGULATOR in the directory: its key cannot issue "
                    + "other keys", orgId);
        }
        if (offline) {
            keys.register(settings.adminKeyId(), settings.adminKeySha256(), orgId, LABEL, null);
            return;
        }
        ApiKeyService.IssuedKey issued = keys.issue(orgId, LABEL, null);
        if (settings.adminKeyFile() != null) {
            writeOwnerOnly(settings.adminKeyFile(), issued.token() + "\n");
            LOG.warn("bootstrap admin API key key={} org={} written to {}; move it somewhere safe",
                    issued.record().keyId(), orgId, settings.adminKeyFile().toAbsolutePath());
        } else {
            console.println("=== dirchain coordinator: bootstrap admin API key for organisation " + orgId
                    + " (shown once) ===");
            console.println(issued.token());
            console.println("===");
            console.flush();
        }
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                    ? Files.createTempFile(dir, ".admin-key-", ".tmp",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".admin-key-", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bootstrap admin key to " + file, e);
        }
    }
}
