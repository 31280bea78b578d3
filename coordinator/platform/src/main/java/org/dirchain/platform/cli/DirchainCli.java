package org.dirchain.platform.cli;

import java.io.PrintWriter;
import org.dirchain.chain.errors.ChainException;
import org.dirchain.chain.errors.ContractRevertException;
import org.dirchain.chain.errors.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code dirchain}, the operators' command line. Every subcommand prints what it did (ids,
 * transaction hashes) and refuses bad input with one clear line and a non-zero exit status:
 * 2 for a malformed command, 3 for a refusal of the chain (the decoded contract error), 4 when the
 * chain or a file cannot be used.
 */
@Command(name = "dirchain", mixinStandardHelpOptions = true, version = "dirchain 0.1.0",
        description = "Operate a dirchain consortium: deploy the directory contracts, admit and manage organisations.",
        subcommands = {ChainCommands.class, OrgCommands.class})
public final class DirchainCli {
    public static final int REFUSED = 3;
    public static final int UNAVAILABLE = 4;

    public static void main(String[] args) {
        System.exit(commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true)).execute(args));
    }

    /** The command line writing to {@code out} and {@code err}, with the exit codes above. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new DirchainCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter to = command.getErr();
            if (e instanceof ContractRevertException revert) {
                to.println("refused by the chain: " + revert.getMessage());
                return REFUSED;
            }
            if (e instanceof InvalidInputException invalid) {
                to.println("invalid " + invalid.getMessage());
                return CommandLine.ExitCode.USAGE;
            }
            if (e instanceof CliException || e instanceof ChainException || e instanceof java.io.UncheckedIOException) {
                to.println(e.getMessage());
                return UNAVAILABLE;
            }
            throw e;
        });
        return cli;
    }
}
