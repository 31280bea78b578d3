package org.dirchain.platform.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.model.Organisation;
import org.dirchain.chain.model.Role;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code dirchain org …}: the regulator's membership tasks, signed by the consortium admin's key.
 * Each prints the organisation as the chain has it afterwards.
 */
@Command(name = "org", description = "Organisations of the consortium (the regulator's tasks).",
        mixinStandardHelpOptions = true,
        subcommands = {OrgCommands.Admit.class, OrgCommands.Suspend.class, OrgCommands.Restore.class,
                OrgCommands.Roles.class, OrgCommands.AddAccount.class, OrgCommands.Show.class})
final class OrgCommands {

    /** What every org command takes: the chain, the signer, the deployment file. */
    abstract static class OrgCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        SignerOptions signer = new SignerOptions();

        @Option(names = "--deployment", defaultValue = "deployment.json",
                description = "the deployment file (default: ${DEFAULT-VALUE})")
        Path deployment;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (ChainSession session = new ChainSession(signer, out)) {
                DirectoryChain chain = session.directory(deployment);
                long org = run(chain, out);
                print(out, chain.organisations().organisation(org));
            }
            return 0;
        }

        /** Does the command's work; returns the organisation to print. */
        abstract long run(DirectoryChain chain, PrintWriter out);
    }

    /** A command on one existing organisation. */
    abstract static class OneOrg extends OrgCommand {
        @Option(names = "--org", required = true, description = "organisation id")
        long org;
    }

    @Command(name = "admit", mixinStandardHelpOptions = true,
            description = "Admit an organisation with its roles and first account.")
    static final class Admit extends OrgCommand {
        @Option(names = "--name", required = true, description = "the organisation's name")
        String name;

        @Option(names = "--roles", required = true, split = ",",
                description = "comma-separated: REGULATOR, PROVIDER, REQUESTER, NODE, OPERATOR")
        Set<Role> roles;

        @Option(names = "--account", required = true, description = "its first account (0x address)")
        String account;

        @Override
        long run(DirectoryChain chain, PrintWriter out) {
            var known = chain.organisations().orgOf(account);
            if (known.isPresent()) {
                Organisation o = chain.organisations().organisation(known.getAsLong());
                if (o.name().equals(name)) {
                    out.printf("unchanged    %s is already the account of organisation #%d%n", account, o.id());
                    return o.id(); // admitting the same organisation again is a no-op
                }
            }
            long id = chain.organisations().register(name, EnumSet.copyOf(roles), account);
            out.printf("admitted     organisation #%d%n", id);
            return id;
        }
    }

    @Command(name = "suspend", mixinStandardHelpOptions = true,
            description = "Suspend an organisation: it can no longer act on chain until restored.")
    static final class Suspend extends OneOrg {
        @Override
        long run(DirectoryChain chain, PrintWriter out) {
            chain.organisations().suspend(org);
            out.printf("suspended    organisation #%d%n", org);
            return org;
        }
    }

    @Command(name = "restore", mixinStandardHelpOptions = true, description = "Restore a suspended organisation.")
    static final class Restore extends OneOrg {
        @Override
        long run(DirectoryChain chain, PrintWriter out) {
            chain.organisations().restore(org);
            out.printf("restored     organisation #%d%n", org);
            return org;
        }
    }

    @Command(name = "roles", mixinStandardHelpOptions = true, description = "Set an organisation's roles.")
    static final class Roles extends OneOrg {
        @Option(names = "--roles", required = true, split = ",",
                description = "comma-separated: REGULATOR, PROVIDER, REQUESTER, NODE, OPERATOR")
        Set<Role> roles;

        @Override
        long run(DirectoryChain chain, PrintWriter out) {
            chain.organisations().setRoles(org, EnumSet.copyOf(roles));
            out.printf("roles set    organisation #%d%n", org);
            return org;
        }
    }

    @Command(name = "add-account", mixinStandardHelpOptions = true, description = "Add an account to an organisation.")
    static final class AddAccount extends OneOrg {
        @Option(names = "--account", required = true, description = "the account (0x address)")
        String account;

        @Override
        long run(DirectoryChain chain, PrintWriter out) {
            chain.organisations().addAccount(org, account);
            out.printf("added        %s to organisation #%d%n", account, org);
            return org;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show an organisation as the chain has it.")
    static final class Show extends OneOrg {
        @Override
        long run(DirectoryChain chain, PrintWriter out) {
            return org;
        }
    }

    static void print(PrintWriter out, Organisation o) {
        out.printf("organisation #%d %s  roles %s  %s%s%n", o.id(), o.name(), o.roles().stream().sorted().toList(),
                o.active() ? "active" : "SUSPENDED",
                o.nodeEndpoint() == null || o.nodeEndpoint().isEmpty() ? "" : "  node " + o.nodeEndpoint());
    }
}
