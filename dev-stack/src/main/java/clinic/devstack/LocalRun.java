package clinic.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on this machine: PostgreSQL, Kafka and the three packaged services, with every byte of data kept
 * under one folder ({@code .local-data/} by default) between runs. Ctrl-C stops everything. {@code --reset} deletes
 * the folder first.
 *
 * <p>Ports come from the environment: {@code PG_PORT} (5432), {@code KAFKA_PORT} (9092),
 * {@code KAFKA_CONTROLLER_PORT} (9093); the services listen on 8081, 8082 and 8083.
 */
public final class LocalRun {

    record Service(String name, int port, String database) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("complaint-service", 8081, "complaints"),
            new Service("refund-service", 8082, "refunds"),
            new Service("followup-service", 8083, "followups"));

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path root = Path.of(System.getProperty("clinic.root", ".")).toAbsolutePath().normalize();
        Path dataDir = root.resolve(System.getenv().getOrDefault("CLINIC_DATA_DIR", ".local-data"));
        if (List.of(args).contains("--reset")) {
            System.out.println("Deleting " + dataDir);
            DevStack.deleteRecursively(dataDir);
        }
        for (Service s : SERVICES) {
            if (!Files.exists(runner(root, s))) {
                System.err.println("Not built: " + runner(root, s) + "  (run ./mvnw package -DskipTests first)");
                System.exit(2);
            }
        }
        int pgPort = port("PG_PORT", 5432);
        int kafkaPort = port("KAFKA_PORT", 9092);
        DevStack stack = DevStack.start(dataDir, pgPort, kafkaPort, port("KAFKA_CONTROLLER_PORT", 9093));
        System.out.printf("PostgreSQL  %s (user postgres)%nKafka       %s%n", stack.jdbcUrl(""), stack.bootstrapServers());

        Path logs = Files.createDirectories(dataDir.resolve("logs"));
        List<Process> processes = new ArrayList<>();
        Thread stopper = new Thread(() -> stop(processes, stack), "local-run-stop");
        Runtime.getRuntime().addShutdownHook(stopper);

        String java = ProcessHandle.current().info().command().orElse("java");
        for (Service s : SERVICES) {
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx384m", "-jar", runner(root, s).toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(s.name() + ".log").toFile()));
            Map<String, String> env = pb.environment();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(s.port()));
            env.put("DB_URL", stack.jdbcUrl(s.database()));
            env.put("DB_USER", PostgresServer.SUPERUSER);
            env.put("DB_PASSWORD", PostgresServer.PASSWORD);
            env.put("KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers());
            processes.add(pb.start());
        }
        for (int i = 0; i < SERVICES.size(); i++) {
            awaitReady(SERVICES.get(i), processes.get(i), logs);
        }
        System.out.printf("%nclinic case-handling is up in %.1f s:%n", (System.nanoTime() - started) / 1e9);
        for (Service s : SERVICES) {
            System.out.printf("  %-17s http://localhost:%d   (OpenAPI: http://localhost:%d/q/openapi, health: /q/health)%n",
                    s.name(), s.port(), s.port());
        }
        System.out.printf("Logs in %s. Data in %s (start with --reset to wipe it). Ctrl-C stops everything.%n", logs, dataDir);

        // Stay up while the services do; if one exits on its own, say so and stop the rest.
        for (int i = 0; ; i = (i + 1) % processes.size()) {
            if (processes.get(i).waitFor(500, TimeUnit.MILLISECONDS)) {
                System.err.println(SERVICES.get(i).name() + " exited; see " + logs.resolve(SERVICES.get(i).name() + ".log"));
                System.exit(1);
            }
        }
    }

    private static void stop(List<Process> processes, DevStack stack) {
        System.out.println("Stopping the services, Kafka and PostgreSQL...");
        processes.forEach(Process::destroy);
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stack.close();
        System.out.println("Stopped.");
    }

    private static void awaitReady(Service s, Process process, Path logs) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + s.port() + "/q/health/ready")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(s.name() + " stopped while starting; see " + logs.resolve(s.name() + ".log"));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(s.name() + " did not become ready; see " + logs.resolve(s.name() + ".log"));
    }

    private static Path runner(Path root, Service s) {
        return root.resolve(s.name()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
