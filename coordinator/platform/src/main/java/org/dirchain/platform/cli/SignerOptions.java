package org.dirchain.platform.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Option;

/**
 * The chain endpoint and the signing key of a command: an encrypted Ethereum keystore file (the
 * format of geth, Besu and {@code cast wallet}), its password read from an environment variable so
 * it never appears in a process list or a shell history.
 */
final class SignerOptions {
    @Option(names = "--rpc", required = true, description = "JSON-RPC URL of the chain (anvil, Besu)")
    String rpc;

    @Option(names = "--key-file", required = true, description = "keystore file of the signing account")
    Path keyFile;

    @Option(names = "--password-env", defaultValue = "DIRCHAIN_KEY_PASSWORD",
            description = "environment variable holding the keystore password (default: ${DEFAULT-VALUE})")
    String passwordEnv;

    Credentials credentials() {
        if (!Files.isReadable(keyFile)) {
            throw new CliException("cannot read the key file " + keyFile);
        }
        String password = System.getenv(passwordEnv);
        if (password == null) {
            password = System.getProperty(passwordEnv); // for embedding (tests, launchers in one JVM)
        }
        if (password == null) {
            throw new CliException("environment variable " + passwordEnv + " (the keystore password) is not set");
        }
        try {
            return WalletUtils.loadCredentials(password, keyFile.toFile());
        } catch (CipherException e) {
            throw new CliException("the password does not open " + keyFile);
        } catch (IOException e) {
            throw new CliException("not a keystore file: " + keyFile + " (" + e.getMessage() + ")");
        }
    }
}
