package org.dirchain.platform.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dirchain.chain.ChainConnection;
import org.dirchain.chain.DirectoryChain;
import org.dirchain.chain.deploy.Deployment;
import org.dirchain.chain.dev.DevChain;
import org.dirchain.chain.model.Organisation;
import org.dirchain.chain.model.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;

/**
 * The operators' CLI against a real anvil: the regulator deploys and admits with keystore files,
 * every refusal is one clear line with its exit status, and re-running is safe where it is natural.
 */
class DirchainCliTest {
    static final String PASSWORD_ENV = "DIRCHAIN_TEST_KEY_PASSWORD";
    static DevChain dev;
    @TempDir
    static Path dir;
    static Path adminKey;
    static Path hospitalKey;
    static Path deployment;

    record Run(int exit, String out, String err) {}

    @BeforeAll
    static void chain() throws Exception {
        dev = DevChain.start();
        System.setProperty(PASSWORD_ENV, "correct horse");
        adminKey = keystore(dev.account(0));
        hospitalKey = keystore(dev.account(1));
        deployment = dir.resolve("deployment.json");
        Run deployed = cli("chain", "deploy", "--rpc", dev.rpcUrl(), "--key-file", adminKey.toString(),
                "--password-env", PASSWORD_ENV, "--out", deployment.toString());
        assertEquals(0, deployed.exit(), deployed.toString());
    }

    @AfterAll
    static void stop() {
        System.clearProperty(PASSWORD_ENV);
        dev.close();
    }

    static Path keystore(Credentials account) throws Exception {
        String file = WalletUtils.generateWalletFile("correct horse", account.getEcKeyPair(), dir.toFile(), false);
        return dir.resolve(file);
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = DirchainCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Run org(Path key, String... args) {
        List<String> all = new ArrayList<>(List.of("org"));
        all.addAll(List.of(args));
        all.addAll(List.of("--rpc", dev.rpcUrl(), "--key-file", key.toString(), "--password-env", PASSWORD_ENV,
                "--deployment", deployment.toString()));
        return cli(all.toArray(String[]::new));
    }

    static long admittedId(Run r) {
        Matcher m = Pattern.compile("organisation #(\\d+)").matcher(r.out());
        assertTrue(m.find(), r.toString());
        return Long.parseLong(m.group(1));
    }

    static Organisation onChain(long org) {
        try (ChainConnection chain = ChainConnection.open(dev.rpcUrl())) {
            return DirectoryChain.connect(chain, Deployment.read(deployment), dev.account(9)).organisations()
                    .organisation(org);
        }
    }

    @Test
    void deployWritesTheDeploymentFileAndPrintsItsTransactionsAndIsSafeToRunAgain() throws Exception {
        Deployment d = Deployment.read(deployment);
        assertEquals(31337, d.chainId());
        Run again = cli("chain", "deploy", "--rpc", dev.rpcUrl(), "--key-file", adminKey.toString(),
                "--password-env", PASSWORD_ENV, "--out", deployment.toString());
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("nothing deployed"), again.out());
        assertEquals(d, Deployment.read(deployment), "the file is left as it was");

        Path other = dir.resolve("other.json");
        Run fresh = cli("chain", "deploy", "--rpc", dev.rpcUrl(), "--key-file", adminKey.toString(),
                "--password-env", PASSWORD_ENV, "--out", other.toString());
        assertEquals(0, fresh.exit(), fresh.toString());
        assertTrue(fresh.out().matches("(?s).*tx +0x[0-9a-f]{64} +contract creation.*"), fresh.out());
        assertTrue(fresh.out().matches("(?s).*tx +0x[0-9a-f]{64} +AccessGrants.setJobLedger.*"), fresh.out());
        assertTrue(fresh.out().contains("admin        " + dev.account(0).getAddress()), fresh.out());
        assertTrue(Files.exists(other));
    }

    @Test
    void theRegulatorAdmitsAndManagesAnOrganisation() {
        String account = dev.account(1).getAddress();
        Run admitted = org(adminKey, "admit", "--name", "City Hospital", "--roles", "PROVIDER", "--account", account);
        assertEquals(0, admitted.exit(), admitted.toString());
        assertTrue(admitted.out().matches("(?s).*tx +0x[0-9a-f]{64} +Consortium.register.*"), admitted.out());
        long id = admittedId(admitted);
        assertEquals(Set.of(Role.PROVIDER), onChain(id).roles());

        Run again = org(adminKey, "admit", "--name", "City Hospital", "--roles", "PROVIDER", "--account", account);
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("unchanged"), again.out());
        assertFalse(again.out().contains("tx "), "admitting the same organisation again sends nothing");

        assertEquals(0, org(adminKey, "roles", "--org", "" + id, "--roles", "PROVIDER,NODE").exit());
        assertEquals(Set.of(Role.PROVIDER, Role.NODE), onChain(id).roles());
        assertEquals(0, org(adminKey, "add-account", "--org", "" + id, "--account", dev.account(2).getAddress()).exit());
        Run suspended = org(adminKey, "suspend", "--org", "" + id);
        assertEquals(0, suspended.exit(), suspended.toString());
        assertTrue(suspended.out().contains("SUSPENDED"), suspended.out());
        assertFalse(onChain(id).active());
        assertEquals(0, org(adminKey, "restore", "--org", "" + id).exit());
        assertTrue(onChain(id).active());
    }

    @Test
    void refusalsAreOneClearLineWithTheirExitStatus() throws Exception {
        Run notAdmin = org(hospitalKey, "admit", "--name", "Rogue", "--roles", "REGULATOR", "--account",
                dev.account(3).getAddress());
        assertEquals(DirchainCli.REFUSED, notAdmin.exit(), notAdmin.toString());
        assertTrue(notAdmin.err().startsWith("refused by the chain: NotAdmin"), notAdmin.err());

        Run unknownOrg = org(adminKey, "suspend", "--org", "9999");
        assertEquals(DirchainCli.REFUSED, unknownOrg.exit(), unknownOrg.toString());
        assertTrue(unknownOrg.err().contains("UnknownOrganisation"), unknownOrg.err());

        Run badRole = org(adminKey, "admit", "--name", "X", "--roles", "DOCTOR", "--account", dev.account(4).getAddress());
        assertEquals(2, badRole.exit(), badRole.toString());
        assertTrue(badRole.err().contains("DOCTOR"), badRole.err());

        Run badAccount = org(adminKey, "admit", "--name", "X", "--roles", "PROVIDER", "--account", "0x12");
        assertEquals(2, badAccount.exit(), badAccount.toString());
        assertTrue(badAccount.err().startsWith("invalid account"), badAccount.err());

        Path wrong = dir.resolve("wrong-password");
        Files.writeString(wrong, Files.readString(adminKey));
        System.setProperty("DIRCHAIN_TEST_WRONG", "not it");
        Run wrongPassword = cli("org", "show", "--org", "1", "--rpc", dev.rpcUrl(), "--key-file", wrong.toString(),
                "--password-env", "DIRCHAIN_TEST_WRONG", "--deployment", deployment.toString());
        System.clearProperty("DIRCHAIN_TEST_WRONG");
        assertEquals(DirchainCli.UNAVAILABLE, wrongPassword.exit(), wrongPassword.toString());
        assertTrue(wrongPassword.err().contains("password does not open"), wrongPassword.err());

        Run noDeployment = cli("org", "show", "--org", "1", "--rpc", dev.rpcUrl(), "--key-file", adminKey.toString(),
                "--password-env", PASSWORD_ENV, "--deployment", dir.resolve("missing.json").toString());
        assertEquals(DirchainCli.UNAVAILABLE, noDeployment.exit(), noDeployment.toString());
        assertTrue(noDeployment.err().contains("dirchain chain deploy"), noDeployment.err());
    }
}
