package org.dirchain.platform.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.chain.tx.MinedTransaction;
import org.web3j.crypto.Credentials;

/**
 * One command's connection to the chain: every transaction it mines is printed with its hash, so
 * the operator can look each one up with any Ethereum client.
 */
final class ChainSession implements AutoCloseable {
    final ChainConnection chain;
    final Credentials signer;
    private final Consumer<MinedTransaction> printer;

    ChainSession(SignerOptions options, PrintWriter out) {
        this.signer = options.credentials();
        try {
            this.chain = ChainConnection.open(options.rpc);
        } catch (RuntimeException e) {
            throw new CliException("cannot reach the chain at " + options.rpc + ": " + e.getMessage(), e);
        }
        this.printer = tx -> out.printf("tx           %s  %s (block %d, gas %s)%n", tx.hash(),
                tx.to() == null || tx.to().isEmpty() ? "contract creation" : tx.function(), tx.block(), tx.gasUsed());
        chain.addListener(printer);
    }

    DirectoryChain directory(Path deploymentFile) {
        if (!Files.isReadable(deploymentFile)) {
            throw new CliException("cannot read the deployment file " + deploymentFile
                    + " (written by: dirchain chain deploy)");
        }
        return DirectoryChain.connect(chain, Deployment.read(deploymentFile), signer);
    }

    @Override
    public void close() {
        chain.removeListener(printer);
        chain.close();
    }
}
