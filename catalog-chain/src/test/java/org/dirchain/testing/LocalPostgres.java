package org.dirchain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for tests, run from the distribution's own binaries (Debian:
 * {@code /usr/lib/postgresql/<version>/bin}, or {@code PG_BIN}): {@code initdb} into a temporary
 * directory, {@code pg_ctl start} on a free loopback port with the socket in that directory, wait
 * with back-off until it accepts connections; {@link #close()} stops it ({@code pg_ctl stop -m fast})
 * and deletes the directory. PostgreSQL refuses to run as root, so as root the server runs as the
 * {@code postgres} OS user through {@code runuser}. Durability is switched off (fsync, full page
 * writes): the data is thrown away anyway.
 *
 * <p>Where PostgreSQL is not installed, {@link #startOrAbort()} aborts the calling test through a
 * JUnit assumption, saying what to install.
 */
public final class LocalPostgres implements AutoCloseable {
    public static final String USER = "postgres";
    private static final String PASSWORD = "dirchain-test";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path binDir;
    private final Path baseDir;
    private final Path dataDir;
    private final boolean asPostgresUser;
    private final int port;

    private LocalPostgres(Path binDir, Path baseDir, boolean asPostgresUser, int port) {
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.asPostgresUser = asPostgresUser;
        this.port = port;
    }

    /** Starts a server, or aborts the current test (assumption) when PostgreSQL cannot run here. */
    public static LocalPostgres startOrAbort() {
        Optional<Path> bin = findBinaries();
        Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL server binaries (initdb, pg_ctl) not found under "
                + "/usr/lib/postgresql/*/bin or PG_BIN: install the Debian package postgresql to run these tests");
        boolean root = isRoot();
        if (root) {
            Assumptions.assumeTrue(Files.isExecutable(Paths.get("/usr/sbin/runuser"))
                    || Files.isExecutable(Paths.get("/sbin/runuser")),
                    "running as root, PostgreSQL must run as another user, but runuser is missing");
            Assumptions.assumeTrue(osUserExists(USER), "running as root, PostgreSQL must run as the OS user '"
                    + USER + "', which does not exist: install the Debian package postgresql");
        }
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3; attempt++) { // a probed port can be taken before the server binds it
            LocalPostgres pg = null;
            try {
                pg = new LocalPostgres(bin.get(), Files.createTempDirectory("dirchain-pg-"), root, freePort());
                pg.initdb();
                pg.start();
                pg.awaitAcceptingConnections();
                return pg;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (IllegalStateException e) {
                last = e;
                if (pg != null) {
                    pg.close();
                }
            }
        }
        throw last;
    }

    /** A fresh, empty database on this server; returns its JDBC URL. */
    public String createDatabase() {
        String name = "dirchain_test_" + DATABASES.incrementAndGet();
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    private void initdb() throws IOException {
        Path pwFile = baseDir.resolve("pwfile");
        Files.writeString(pwFile, PASSWORD + "\n", StandardCharsets.US_ASCII);
        if (asPostgresUser) {
            chownToPostgres(baseDir);
            chownToPostgres(pwFile);
        }
        run(List.of(binDir.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER,
                "--pwfile=" + pwFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8",
                "--locale=C", "--no-sync"), Duration.ofSeconds(120), "initdb");
    }

    private void start() {
        String options = "-p " + port + " -k " + baseDir + " -c listen_addresses=127.0.0.1"
                + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=50";
        run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l",
                baseDir.resolve("postgres.log").toString(), "-o", options, "-w", "-t",
                String.valueOf(START_TIMEOUT.toSeconds()), "start"), START_TIMEOUT.plusSeconds(10), "pg_ctl start");
    }

    private void awaitAcceptingConnections() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        long pause = TimeUnit.MILLISECONDS.toNanos(10);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD)) {
                if (c.isValid(2)) {
                    return;
                }
            } catch (SQLException e) {
                last = e;
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, TimeUnit.MILLISECONDS.toNanos(500));
        }
        throw new IllegalStateException("PostgreSQL on port " + port + " did not accept connections within "
                + START_TIMEOUT.toSeconds() + " s: " + (last == null ? "" : last.getMessage()) + "\n" + logTail());
    }

    @Override
    public void close() {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            try {
                run(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w",
                        "stop"), Duration.ofSeconds(60), "pg_ctl stop");
            } catch (IllegalStateException e) {
                System.err.println("LocalPostgres: " + e.getMessage());
            }
        }
        deleteRecursively(baseDir);
    }

    private void run(List<String> command, Duration timeout, String what) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", USER, "--"));
        }
        cmd.addAll(command);
        Path output = baseDir.resolve(what.replace(' ', '-') + ".out");
        try {
            Process p = new ProcessBuilder(cmd).directory(baseDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(what + " did not finish within " + timeout.toSeconds() + " s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(what + " failed with exit code " + p.exitValue() + ": "
                        + readQuietly(output) + "\n" + logTail());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    private String logTail() {
        String log = readQuietly(baseDir.resolve("postgres.log"));
        return log.length() > 2000 ? log.substring(log.length() - 2000) : log;
    }

    private static String readQuietly(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The newest {@code /usr/lib/postgresql/<version>/bin} with initdb and pg_ctl, or {@code PG_BIN}. */
    static Optional<Path> findBinaries() {
        String explicit = System.getenv("PG_BIN");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Paths.get(explicit);
            return hasServerBinaries(p) ? Optional.of(p) : Optional.empty();
        }
        Path root = Paths.get("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(LocalPostgres::hasServerBinaries)
                    .max(Comparator.comparingInt(LocalPostgres::majorVersion));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean hasServerBinaries(Path bin) {
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"))
                && Files.isExecutable(bin.resolve("postgres"));
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().split("\\.")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Paths.get("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static boolean osUserExists(String name) {
        try {
            Paths.get("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(name);
            return true;
        } catch (UserPrincipalNotFoundException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static void chownToPostgres(Path path) throws IOException {
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = lookup.lookupPrincipalByName(USER);
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(user);
        try {
            GroupPrincipal group = lookup.lookupPrincipalByGroupName(USER);
            view.setGroup(group);
        } catch (UserPrincipalNotFoundException ignored) {
            // the owner is what PostgreSQL checks; the group is cosmetic
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temp directory; what cannot be deleted now is left to the OS
                }
            });
        } catch (IOException ignored) {
            // same
        }
    }
}
