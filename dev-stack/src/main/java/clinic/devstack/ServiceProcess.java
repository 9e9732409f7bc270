package clinic.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as a child process against a {@link DevStack}:
 * started, awaited until ready, stopped gracefully or killed outright. The local run and the system tests use it.
 */
public final class ServiceProcess {

    /**
     * The master key complaint-service wraps personal data with when run here (./run-local, the system tests): a
     * development-only key, never for real data. The packaged service (prod profile) has no default and refuses to
     * start without {@code PERSONAL_DATA_MASTER_KEY}; a key already in this JVM's environment is passed on instead.
     */
    static final String LOCAL_ONLY_PERSONAL_DATA_MASTER_KEY = "ZGV2ZWxvcG1lbnQtb25seS1tYXN0ZXIta2V5LTMyYnk=";

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> env, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.env = Map.copyOf(env);
        this.log = log;
    }

    /** A service of this repository, wired to {@code stack}'s database {@code database} and its broker. */
    public static ServiceProcess of(Path repositoryRoot, String name, int port, String database, DevStack stack,
                                    String tokenIssuer, Path logDir) {
        Map<String, String> env = new HashMap<>();
        env.put("CLINIC_TOKEN_ISSUER", tokenIssuer);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("DB_URL", stack.jdbcUrl(database));
        env.put("DB_USER", PostgresServer.SUPERUSER);
        env.put("DB_PASSWORD", PostgresServer.PASSWORD);
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
        String masterKey = System.getenv("PERSONAL_DATA_MASTER_KEY");
        if ("complaint-service".equals(name) && (masterKey == null || masterKey.isBlank())) {
            env.put("PERSONAL_DATA_MASTER_KEY", LOCAL_ONLY_PERSONAL_DATA_MASTER_KEY);
        }
        return new ServiceProcess(name, repositoryRoot.resolve(name).resolve("target/quarkus-app/quarkus-run.jar"),
                port, env, logDir.resolve(name + ".log"));
    }

    /** The same service with more environment (policy overrides, say), listening on {@code port}, logging to its own file. */
    public ServiceProcess with(int port, Map<String, String> moreEnv) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(moreEnv);
        all.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        return new ServiceProcess(name, jar, port, all, log.resolveSibling(name + "-" + port + ".log"));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path jar() {
        return jar;
    }

    public Path log() {
        return log;
    }

    /**
     * How a service's JVM is sized (the README's deployment section gives the same): a small heap with the serial
     * collector (a service's live data is tens of megabytes; one collector thread, no per-core overhead), smaller
     * thread stacks, a bounded code cache. Most of what stays resident under load is classes and compiled code, well
     * above the heap, and no flag here shrinks it much (the README's Footprint; BENCHMARKS.md has the figures).
     */
    public static final List<String> JVM_OPTIONS = List.of("-Xms32m", "-Xmx96m", "-XX:+UseSerialGC", "-Xss256k",
            "-XX:ReservedCodeCacheSize=48m", "-XX:MaxMetaspaceSize=160m", "-XX:CICompilerCount=2",
            // Netty's pooled buffers: one arena each instead of two per core (4 MiB chunks each)
            "-Dio.netty.allocator.numDirectArenas=1", "-Dio.netty.allocator.numHeapArenas=1");

    public synchronized void start() throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // glibc's malloc keeps an arena per thread that allocates: two are plenty, and cost far less resident memory
        pb.environment().put("MALLOC_ARENA_MAX", "2");
        pb.environment().putAll(env);
        process = pb.start();
    }

    /** Waits until {@code /q/health/ready} answers 200; fails early if the process dies. */
    public void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (process == null) {
                throw new IllegalStateException(name + " was not started");
            }
            if (!isAlive()) {
                throw new IllegalStateException(name + " stopped while starting (exit code " + process.exitValue()
                        + "); its log, " + log + ", ends with:\n" + DevStack.logTail(log, 40));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; its log, " + log
                + ", ends with:\n" + DevStack.logTail(log, 40));
    }

    /** The running service's process (its pid, for what the kernel says of it), if it has been started. */
    public java.util.Optional<ProcessHandle> processHandle() {
        return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Waits for the process to end by itself; true if it did within {@code timeout}. */
    public boolean waitFor(Duration timeout) throws InterruptedException {
        return process == null || process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM and wait: the service finishes what it is doing, as in a deployment. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL: the service dies mid-work, as in a crash. */
    public synchronized void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }
}
