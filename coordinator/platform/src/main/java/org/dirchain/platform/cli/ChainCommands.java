package org.dirchain.platform.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dirchain.chain.deploy.ContractDeployer;
import org.dirchain.chain.deploy.Deployment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dirchain chain …}: the directory contracts on a chain. */
@Command(name = "chain", description = "The directory contracts on a chain.", mixinStandardHelpOptions = true,
        subcommands = ChainCommands.Deploy.class)
final class ChainCommands {

    /** Deploys the four contracts; the signing account becomes the consortium admin. */
    @Command(name = "deploy", mixinStandardHelpOptions = true,
            description = "Deploy the directory contracts to any EVM JSON-RPC and write the deployment file. "
                    + "The signing account becomes the consortium admin (the regulator).")
    static final class Deploy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SignerOptions signer = new SignerOptions();

        @Option(names = "--out", defaultValue = "deployment.json",
                description = "where to write the deployment file (default: ${DEFAULT-VALUE})")
        Path out;

        @Option(names = "--force", description = "deploy again although the deployment file exists")
        boolean force;

        @Override
        public Integer call() {
            var print = spec.commandLine().getOut();
            if (Files.exists(out) && !force) {
                Deployment existing = Deployment.read(out);
                print.printf("deployment   %s exists (chain %d, consortium %s): nothing deployed; --force deploys anew%n",
                        out, existing.chainId(), existing.consortium());
                return 0;
            }
            try (ChainSession session = new ChainSession(signer, print)) {
                Deployment d = new ContractDeployer(session.chain).deploy(session.signer);
                d.write(out);
                print.printf("deployed     chain %d: Consortium %s, DataCatalog %s, AccessGrants %s, JobLedger %s%n",
                        d.chainId(), d.consortium(), d.dataCatalog(), d.accessGrants(), d.jobLedger());
                print.printf("admin        %s%n", session.signer.getAddress());
                print.printf("written      %s%n", out.toAbsolutePath());
            }
            return 0;
        }
    }
}
