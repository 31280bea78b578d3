package org.dirchain.chain.dev;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.dirchain.chain.errors.ChainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Bip32ECKeyPair;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.MnemonicUtils;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;

/**
 * A development chain: the anvil pinned in {@code contracts/package.json}, started on a free
 * loopback port with the hardfork the contracts are compiled for. For tests and the run command;
 * production uses a Besu QBFT network (docs/besu.md).
 */
public final class DevChain implements AutoCloseable {
    /** The Maven property {@code evm.version}; anvil must run the same hardfork. */
    public static final String HARDFORK = "shanghai";
    public static final long CHAIN_ID = 31337;
    /** anvil's well-known development mnemonic: its keys are public, never use them elsewhere. */
    public static final String DEV_MNEMONIC = "test test test test test test test test test test test junk";
    private static final Logger LOG = LoggerFactory.getLogger(DevChain.class);
    private static final int ACCOUNTS = 20;

    private final Process process;
    private final Path log;
    private final String rpcUrl;
    private final Web3j web3j;
    private final List<Credentials> accounts;
    /** anvil is a child process: stop it even when the JVM is ended by a signal. */
    private final Thread stopOnExit;

    private DevChain(Process process, Path log, String rpcUrl) {
        this.process = process;
        this.stopOnExit = new Thread(process::destroyForcibly, "anvil-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        this.log = log;
        this.rpcUrl = rpcUrl;
        this.web3j = Web3j.build(new HttpService(rpcUrl));
        this.accounts = deriveAccounts(ACCOUNTS);
    }

    /** Starts anvil mining a block per transaction and waits until it answers JSON-RPC. */
    public static DevChain start() {
        return start(null);
    }

    /**
     * Starts anvil; with a {@code blockTime} it mines on that interval, many transactions per block,
     * as a BFT network does, instead of one block per transaction.
     */
    public static DevChain start(Duration blockTime) {
        Path binary = AnvilLocator.locate();
        ChainException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a free port can be taken between probe and bind
            int port = freePort();
            try {
                return launch(binary, port, blockTime);
            } catch (ChainException e) {
                last = e;
                LOG.warn("anvil did not start on port {}: {}", port, e.getMessage());
            }
        }
        throw last;
    }

    private static DevChain launch(Path binary, int port, Duration blockTime) {
        Path log;
        Process p;
        try {
            log = Files.createTempFile("anvil-", ".log");
            List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--host", "127.0.0.1", "--port",
                    String.valueOf(port), "--hardfork", HARDFORK, "--chain-id", String.valueOf(CHAIN_ID),
                    "--accounts", String.valueOf(ACCOUNTS), "--balance", "1000000", "--mnemonic", DEV_MNEMONIC,
                    "--gas-limit", "60000000", "--prune-history", "256"));
            if (blockTime != null) {
                cmd.addAll(List.of("--block-time", String.valueOf(blockTime.toMillis() / 1000.0)));
            }
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new ChainException("cannot start anvil at " + binary + ": " + e.getMessage(), e);
        }
        DevChain chain = new DevChain(p, log, "http://127.0.0.1:" + port);
        try {
            chain.awaitReady(Duration.ofSeconds(30));
        } catch (ChainException e) {
            chain.close();
            throw e;
        }
        LOG.info("dev chain (anvil, {}) listening at {}", HARDFORK, chain.rpcUrl);
        return chain;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = TimeUnit.MILLISECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new ChainException("anvil exited with " + process.exitValue() + ": " + tail());
            }
            try {
                web3j.ethChainId().send();
                return;
            } catch (IOException | RuntimeException notYet) {
                LockSupport.parkNanos(pause);
                pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
        throw new ChainException("anvil did not answer within " + timeout.toSeconds() + " s: " + tail());
    }

    private String tail() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new ChainException("no free loopback port: " + e.getMessage(), e);
        }
    }

    private static List<Credentials> deriveAccounts(int n) {
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(MnemonicUtils.generateSeed(DEV_MNEMONIC, ""));
        List<Credentials> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] path = {44 | Bip32ECKeyPair.HARDENED_BIT, 60 | Bip32ECKeyPair.HARDENED_BIT,
                    Bip32ECKeyPair.HARDENED_BIT, 0, i};
            list.add(Credentials.create(Bip32ECKeyPair.deriveKeyPair(master, path)));
        }
        return List.copyOf(list);
    }

    public String rpcUrl() {
        return rpcUrl;
    }

    /** Funded development account {@code i} (0 to 19). */
    public Credentials account(int i) {
        return accounts.get(i);
    }

    /** Mines {@code blocks} empty blocks (to pass a confirmation depth). */
    public void mine(int blocks) {
        rpc("anvil_mine", List.of("0x" + Integer.toHexString(blocks)));
    }

    /** Moves the chain clock forward and mines a block at the new time. */
    public void advanceTime(Duration by) {
        rpc("evm_increaseTime", List.of(BigInteger.valueOf(by.getSeconds())));
        rpc("evm_mine", List.of());
    }

    private void rpc(String method, List<?> params) {
        try {
            VoidResponse r = new Request<>(method, params, new HttpService(rpcUrl), VoidResponse.class).send();
            if (r.hasError()) {
                throw new ChainException(method + " failed: " + r.getError().getMessage());
            }
        } catch (IOException e) {
            throw new ChainException(method + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops anvil
        }
        web3j.shutdown();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file; the OS cleans it up
        }
    }

    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String o = os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux";
        String a = arch.contains("aarch64") || arch.contains("arm64") ? "arm64" : "amd64";
        return o + "-" + a;
    }
}
