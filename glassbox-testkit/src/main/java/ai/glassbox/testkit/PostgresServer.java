package ai.glassbox.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private PostgreSQL server from the machine's Debian package, started once per test JVM on
 * 127.0.0.1 in a throw-away data directory and stopped when the JVM exits. Tests get a fresh
 * database each from {@link #newDatabase}.
 *
 * <p>Where PostgreSQL is not installed, tests that need it are skipped, unless {@code
 * GLASSBOX_REQUIRE_POSTGRES=1} (as CI sets), when they fail. The server refuses to run as root,
 * so as root it runs as the package's {@code postgres} user.
 */
public final class PostgresServer {
    private static final String USER = "glassbox";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static PostgresServer instance;

    private final Path bin;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path bin, Path dataDir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The running server, started on first use; skips or fails the test if it cannot be. */
    public static synchronized PostgresServer get() {
        if (instance == null) {
            Path bin = findBin();
            if (bin == null) {
                String why = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql";
                if ("1".equals(System.getenv("GLASSBOX_REQUIRE_POSTGRES"))) throw new IllegalStateException(why);
                Assumptions.abort(why);
            }
            try {
                instance = start(bin);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start PostgreSQL from " + bin + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting PostgreSQL", e);
            }
        }
        return instance;
    }

    /** A JDBC URL of a new, empty database owned by the server's superuser. */
    public String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try {
            run(List.of(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, name));
        } catch (IOException e) {
            throw new IllegalStateException("createdb " + name + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + USER;
    }

    /** The TCP port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    private static Path findBin() {
        String configured = System.getenv("GLASSBOX_PG_BIN");
        if (configured != null && Files.isExecutable(Path.of(configured, "initdb"))) return Path.of(configured);
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) return null;
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparingInt(PostgresServer::majorVersion))
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static PostgresServer start(Path bin) throws IOException, InterruptedException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("glassbox-pg-");
        Path data = dir.resolve("data");
        if (root) {
            UserPrincipal postgres = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, postgres);
        }
        int port = freePort();
        PostgresServer server = new PostgresServer(bin, data, port, root);
        server.run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync"));
        List<String> postgres = server.command(List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-k", dir.toString(), "-c", "max_connections=50"));
        Process process = new ProcessBuilder(postgres).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(process, dir)));
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts(port)) {
            if (!process.isAlive()) throw new IOException("postgres exited: " + Files.readString(dir.resolve("server.log")));
            if (System.nanoTime() > deadline) throw new IOException("postgres did not listen on port " + port + " within " + START_TIMEOUT);
            Thread.sleep(100);
        }
        // Listening precedes accepting logins; createdb retries until the server is ready.
        server.awaitReady(deadline);
        return server;
    }

    private void awaitReady(long deadline) throws IOException, InterruptedException {
        List<String> ready = List.of(bin.resolve("pg_isready").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER);
        while (new ProcessBuilder(ready).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() != 0) {
            if (System.nanoTime() > deadline) throw new IOException("postgres on port " + port + " is not ready within " + START_TIMEOUT);
            Thread.sleep(100);
        }
    }

    private void stop(Process process, Path dir) {
        try {
            new ProcessBuilder(command(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "stop")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException ignored) {
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private List<String> command(List<String> args) {
        if (!asPostgresUser) return args;
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(args);
        return wrapped;
    }

    private void run(List<String> args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", args) + " timed out");
        }
        if (p.exitValue() != 0) throw new IOException(String.join(" ", args) + " exited " + p.exitValue() + ": " + out.strip());
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
