package clinic.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shared infrastructure every service needs: one PostgreSQL server holding a database per service, and one Kafka
 * broker with the product's topics. The tests and the local run use this same class.
 */
public final class DevStack implements AutoCloseable {

    /** One database per service. */
    public static final List<String> DATABASES = List.of("complaints", "refunds", "followups", "insights", "eventstore");

    /** The product's topics; consumers' dead-letter topics are named {@code <topic>.<consumer>.dlq}. */
    public static final List<String> TOPICS = List.of(
            "complaint-events", "refund-events", "followup-events", "branch-complaints", "branch-purchases",
            "complaint-events.refund-service.dlq", "complaint-events.followup-service.dlq",
            "branch-complaints.complaint-service.dlq", "refund-events.complaint-service.dlq",
            "followup-events.complaint-service.dlq", "branch-purchases.refund-service.dlq",
            "refund-events.followup-service.dlq", "complaint-events.hq-service.dlq", "refund-events.hq-service.dlq",
            "followup-events.hq-service.dlq");

    public static final int PARTITIONS = 3;

    private static DevStack shared;

    private final PostgresServer postgres;
    private final KafkaBroker kafka;
    private final Path dataDir;

    private DevStack(Path dataDir, PostgresServer postgres, KafkaBroker kafka) {
        this.dataDir = dataDir;
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /** Starts PostgreSQL and Kafka keeping their data under {@code dataDir}. */
    public static DevStack start(Path dataDir, int postgresPort, int kafkaPort, int kafkaControllerPort) throws Exception {
        quietBrokerLogs();
        Files.createDirectories(dataDir);
        PostgresServer postgres = PostgresServer.start(dataDir.resolve("postgres"), postgresPort);
        try {
            postgres.createDatabases(DATABASES);
            KafkaBroker kafka = KafkaBroker.start(dataDir.resolve("kafka"), kafkaPort, kafkaControllerPort);
            kafka.createTopics(TOPICS, PARTITIONS);
            return new DevStack(dataDir, postgres, kafka);
        } catch (Exception e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * The stack for this JVM's tests: started on first use on free ports in a fresh folder, stopped when the JVM
     * exits. Every test class of a module shares it.
     */
    public static synchronized DevStack shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("clinic-dev-stack-");
                long started = System.nanoTime();
                shared = start(dir, freePort(), freePort(), freePort());
                System.out.printf("dev-stack: PostgreSQL on %d, Kafka on %s, started in %d ms%n",
                        shared.postgres.port(), shared.kafka.bootstrapServers(), (System.nanoTime() - started) / 1_000_000);
                DevStack stack = shared;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stack.close();
                    deleteRecursively(dir);
                }, "dev-stack-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("dev-stack could not start", e);
            }
        }
        return shared;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }

    /** The broker logs every partition it creates at INFO; only its warnings matter to a developer. */
    private static final List<java.util.logging.Logger> QUIET = new java.util.ArrayList<>();

    private static synchronized void quietBrokerLogs() {
        for (String name : List.of("kafka", "org.apache.kafka", "state.change.logger", "org.apache.zookeeper")) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
            logger.setLevel(java.util.logging.Level.WARNING);
            QUIET.add(logger); // held, or the level is lost when the logger is collected
        }
    }

    /**
     * A port nothing listens on, for a server this run starts. Not one the kernel picks ({@code new ServerSocket(0)}
     * draws from the range it also gives outgoing connections): a server that binds it much later (Keycloak, some 40 s
     * after the port is chosen) found it taken by a connection's local port in the meantime, and the smoke run failed.
     */
    public static int freePort() {
        // below the kernel's ephemeral range when there is room for it, else (an unusual range) what the kernel gives
        int low = 10_000;
        int high = firstEphemeralPort();
        if (high - low < 2_000) {
            return kernelPort();
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = java.util.concurrent.ThreadLocalRandom.current().nextInt(low, high);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(port));
                return port;
            } catch (IOException inUse) {
                // someone listens there: another
            }
        }
        return kernelPort();
    }

    /** Ports this JVM has handed out: each once, so two servers of one run never get the same. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static int kernelPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the kernel's range for outgoing connections' local ports begins (Linux's default where unreadable). */
    static int firstEphemeralPort() {
        try {
            // read line by line: Files.readString trusts the size the file reports, /proc/sys's files report 0 and
            // answer a read that does not start at offset 0 with end-of-file, so it gave "3" here; every port then came
            // from the kernel's range, and two services started at once could find theirs taken by a connection's
            // local port
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0)
                    .trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32768;
        }
    }

    /** What fills a fresh folder of the cache (unpacks a distribution into it, builds it). */
    interface Filler {
        void fill(Path folder) throws IOException;
    }

    /**
     * {@code cache}, a folder of this machine's cache shared by every run (PostgreSQL's binaries, Keycloak's built
     * distribution), filled once. One JVM at a time fills it (a lock file beside it; the others wait and take its
     * folder), in a staging folder that is moved into place only when {@code filler} is done and deleted when it fails:
     * a half-filled folder is never used and none is left behind. A marker file says the folder is complete.
     */
    static Path installOnce(Path cache, Filler filler) throws IOException {
        Path done = cache.resolve(".installed");
        if (Files.exists(done)) {
            return cache;
        }
        Path parent = Files.createDirectories(cache.toAbsolutePath().getParent());
        try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(
                parent.resolve(cache.getFileName() + ".lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock lock = lockFile.lock()) {
            if (!Files.exists(done)) {
                Path staging = Files.createTempDirectory(parent, "staging-");
                try {
                    filler.fill(staging);
                    Files.writeString(staging.resolve(".installed"), cache.getFileName().toString());
                    Files.move(staging, cache, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    if (Files.exists(staging)) {
                        deleteRecursively(staging);
                    }
                }
            }
        }
        return cache;
    }

    /** The last {@code count} lines of a child process's log, for the error that says it failed. */
    static String logTail(Path log, int count) {
        try {
            // decoded leniently: one bad byte must not cost the whole tail
            List<String> lines = new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
