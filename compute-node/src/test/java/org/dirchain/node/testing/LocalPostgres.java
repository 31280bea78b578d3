package org.dirchain.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
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
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.dirchain.node.data.DriverManagerDataSource;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for tests, run from the installed server binaries
 * ({@code PG_BIN}, else the newest {@code /usr/lib/postgresql/<version>/bin}): a fresh cluster in
 * a temporary directory, listening on a free loopback port (its unix socket in that directory too),
 * trust authentication for user {@value #USER}, one database {@value #DATABASE}. {@link #close()}
 * stops it ({@code pg_ctl stop -m fast}) and deletes the directory; a shutdown hook does the same if
 * a test run dies first.
 *
 * <p>PostgreSQL refuses to run as root, so when the JVM is root the server binaries run as the
 * {@code postgres} OS user via {@code runuser}, and the directory is handed to that user.
 */
public final class LocalPostgres implements AutoCloseable {

  public static final String USER = "dirchain";
  public static final String DATABASE = "dirchain_test";
  static final String INSTALL_HINT =
      "install the PostgreSQL server (Debian/Ubuntu: apt-get install postgresql) or point PG_BIN at the directory holding initdb, pg_ctl and postgres";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final int START_ATTEMPTS = 3;

  private final Path bin;
  private final Path dir;
  private final List<String> runAs;
  private final Process server;
  private final int port;
  private final Thread shutdownHook;
  private boolean closed;

  /** PostgreSQL server binaries are missing or cannot be run in this environment. */
  public static final class UnavailableException extends IllegalStateException {
    public UnavailableException(String message) {
      super(message);
    }
  }

  private LocalPostgres(Path bin, Path dir, List<String> runAs, Process server, int port) {
    this.bin = bin;
    this.dir = dir;
    this.runAs = runAs;
    this.server = server;
    this.port = port;
    this.shutdownHook = new Thread(this::close, "local-postgres-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts a server, or aborts the calling test (JUnit assumption) with the reason printed to
   * stdout when PostgreSQL is not installed. Other failures are real failures and are thrown.
   */
  public static LocalPostgres startOrAbort() {
    try {
      return start();
    } catch (UnavailableException e) {
      System.out.println("[LocalPostgres] PostgreSQL tests skipped: " + e.getMessage());
      return Assumptions.abort(e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a local PostgreSQL", e);
    }
  }

  /**
   * @throws UnavailableException if no server binaries are installed (the message says what to install)
   * @throws IOException if initdb or the server fails (the message includes its log)
   */
  public static LocalPostgres start() throws IOException {
    Path bin = findBinaries();
    List<String> runAs = runAsPrefix();
    Path dir = Files.createTempDirectory("dirchain-pg-");
    try {
      if (!runAs.isEmpty()) {
        Files.setOwner(dir, postgresUser());
      }
      Path data = dir.resolve("data");
      run(runAs, dir, dir.resolve("initdb.log"), Duration.ofMinutes(2),
          bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust",
          "-E", "UTF8", "--locale=C", "--no-sync");
      for (int attempt = 1; ; attempt++) {
        int port = freePort();
        Process server = launch(bin, runAs, dir, data, port);
        Optional<String> failure = awaitReady(server, dir, port);
        if (failure.isEmpty()) {
          LocalPostgres pg = new LocalPostgres(bin, dir, runAs, server, port);
          pg.createDatabase();
          return pg;
        }
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
        // Another process may have taken the port between our probe and the bind: try another.
        if (attempt == START_ATTEMPTS || !failure.get().contains("could not bind")) {
          throw new IOException("PostgreSQL did not start: " + failure.get());
        }
      }
    } catch (IOException | RuntimeException e) {
      deleteTree(dir);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      deleteTree(dir);
      throw new IOException("interrupted while starting PostgreSQL", e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  public String user() {
    return USER;
  }

  /** Trust authentication: any password (or none) is accepted. */
  public String password() {
    return "";
  }

  public int port() {
    return port;
  }

  public DataSource dataSource() {
    return new DriverManagerDataSource(jdbcUrl(), USER, "");
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, "");
  }

  /** Runs SQL statements on the test database, each in auto-commit. */
  public void execute(String... sql) {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      for (String s : sql) {
        st.execute(s);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SQL failed: " + e.getMessage(), e);
    }
  }

  private void createDatabase() throws IOException {
    try (Connection c = DriverManager.getConnection(adminUrl(port), USER, "");
         Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      close();
      throw new IOException("cannot create database " + DATABASE + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (Thread.currentThread() != shutdownHook) {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      }
    } catch (IllegalStateException shuttingDown) {
      // The JVM is already exiting; the hook is running or about to, which is fine.
    }
    try {
      run(runAs, dir, dir.resolve("pg_ctl-stop.log"), Duration.ofMinutes(1),
          bin.resolve("pg_ctl").toString(), "stop", "-D", dir.resolve("data").toString(), "-m", "fast", "-w");
      server.waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      System.err.println("[LocalPostgres] pg_ctl stop failed, killing the server: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (server.isAlive()) {
        server.destroyForcibly();
      }
      deleteTree(dir);
    }
  }

  // --- process plumbing ---

  static Path findBinaries() {
    String env = System.getenv("PG_BIN");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      if (hasServerBinaries(p)) {
        return p;
      }
      throw new UnavailableException("PG_BIN=" + env + " does not hold initdb, pg_ctl and postgres; " + INSTALL_HINT);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Optional<Path> newest = versions
            .map(v -> v.resolve("bin"))
            .filter(LocalPostgres::hasServerBinaries)
            .max(Comparator.comparing(LocalPostgres::majorVersion));
        if (newest.isPresent()) {
          return newest.get();
        }
      } catch (IOException e) {
        throw new UnavailableException("cannot list " + root + ": " + e.getMessage() + "; " + INSTALL_HINT);
      }
    }
    throw new UnavailableException("no PostgreSQL server binaries (initdb, pg_ctl, postgres) in PG_BIN or /usr/lib/postgresql/*/bin; " + INSTALL_HINT);
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean hasServerBinaries(Path bin) {
    return Stream.of("initdb", "pg_ctl", "postgres").allMatch(b -> Files.isExecutable(bin.resolve(b)));
  }

  private static List<String> runAsPrefix() {
    if (!isRoot()) {
      return List.of();
    }
    postgresUser();
    Path runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")
        .map(Path::of).filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new UnavailableException(
            "running as root: PostgreSQL refuses to run as root and runuser (util-linux) is missing"));
    return List.of(runuser.toString(), "-u", "postgres", "--");
  }

  private static boolean isRoot() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }

  private static UserPrincipal postgresUser() {
    try {
      return Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
    } catch (IOException e) {
      throw new UnavailableException("running as root: PostgreSQL refuses to run as root and there is no 'postgres' OS user to run it as; "
          + INSTALL_HINT);
    }
  }

  private static Process launch(Path bin, List<String> runAs, Path dir, Path data, int port) throws IOException {
    List<String> cmd = new ArrayList<>(runAs);
    cmd.addAll(List.of(bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
        "-k", dir.toString(), "-h", "127.0.0.1",
        // A disposable cluster: durability only costs time.
        "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
    Path log = dir.resolve("postgres.log");
    return new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** Polls with exponential back-off until the server accepts a connection; empty if it did. */
  private static Optional<String> awaitReady(Process server, Path dir, int port) throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    long pauseMillis = 5;
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        return Optional.of("the server exited with status " + server.exitValue() + "; log:\n" + tail(dir.resolve("postgres.log")));
      }
      try (Connection c = DriverManager.getConnection(adminUrl(port) + "?connectTimeout=5", USER, "")) {
        if (c.isValid(5)) {
          return Optional.empty();
        }
      } catch (SQLException e) {
        last = e;
      }
      Thread.sleep(pauseMillis);
      pauseMillis = Math.min(pauseMillis * 2, 250);
    }
    return Optional.of("not accepting connections after " + STARTUP_TIMEOUT.toSeconds() + " s (" + last.getMessage()
        + "); log:\n" + tail(dir.resolve("postgres.log")));
  }

  private static String adminUrl(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  private static void run(List<String> runAs, Path dir, Path log, Duration timeout, String... command)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(runAs);
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", command) + " timed out; log:\n" + tail(log));
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed with status " + p.exitValue() + "; log:\n" + tail(log));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      System.err.println("[LocalPostgres] could not delete " + dir + ": " + e.getMessage());
    }
  }
}
