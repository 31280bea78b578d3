package org.dirchain.chain.dev;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.dirchain.chain.errors.ChainException;

/**
 * Finds the pinned anvil: {@code -Ddirchain.anvil=...} or {@code DIRCHAIN_ANVIL} if set, else
 * {@code contracts/node_modules} found from the working directory upwards (the platform binary
 * first, then npm's launcher script).
 */
final class AnvilLocator {
    private AnvilLocator() {}

    static Path locate() {
        String explicit = System.getProperty("dirchain.anvil", System.getenv("DIRCHAIN_ANVIL"));
        if (explicit != null && !explicit.isBlank()) {
            Path p = Paths.get(explicit);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new ChainException("anvil set to " + p + " but it is not an executable file");
        }
        String binary = "node_modules/@foundry-rs/anvil-" + DevChain.platform() + "/bin/anvil";
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (String candidate : new String[] {binary, "node_modules/.bin/anvil"}) {
                Path p = dir.resolve("contracts").resolve(candidate);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new ChainException("anvil not found: run 'npm ci' in contracts/ (the Maven build does it), "
                + "or set -Ddirchain.anvil to an anvil binary");
    }
}
