package clinic.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole system on this machine: PostgreSQL, Kafka, Keycloak and the four packaged services, with all data kept under one
 * folder ({@code .local-data/} by default) between runs. Ctrl-C stops everything. {@code --reset} deletes the folder
 * first.
 *
 * <p>Ports come from the environment: {@code PG_PORT} (5432), {@code KAFKA_PORT} (9092),
 * {@code KAFKA_CONTROLLER_PORT} (9093); the services listen on 8081, 8082, 8083 and 8084 (hq-service, with HQ's
 * dashboard on /hq/).
 */
public final class LocalRun {

    record Service(String name, int port, String database) {
    }

    static final List<Service> SERVICES = List.of(
            new Service("complaint-service", 8081, "complaints"),
            new Service("refund-service", 8082, "refunds"),
            new Service("followup-service", 8083, "followups"),
            new Service("hq-service", 8084, "insights"));

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        Path root = Path.of(System.getProperty("clinic.root", ".")).toAbsolutePath().normalize();
        boolean smoke = List.of(args).contains("--smoke");
        Path dataDir = root.resolve(smoke ? "target/smoke-data" : System.getenv().getOrDefault("CLINIC_DATA_DIR", ".local-data"));
        if (smoke || List.of(args).contains("--reset")) {
            System.out.println("Deleting " + dataDir);
            DevStack.deleteRecursively(dataDir);
        }
        // the identity provider starts beside the rest (10-20 s, the slowest part)
        int idpPort = smoke ? DevStack.freePort() : port("KEYCLOAK_PORT", 8180);
        java.util.concurrent.CompletableFuture<IdentityProvider> idp = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return IdentityProvider.startKeepingData(dataDir.resolve("keycloak"), idpPort);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        // the smoke check runs on free ports, so it can run beside a ./run-local that is up
        DevStack stack = smoke ? DevStack.start(dataDir, DevStack.freePort(), DevStack.freePort(), DevStack.freePort())
                : DevStack.start(dataDir, port("PG_PORT", 5432), port("KAFKA_PORT", 9092), port("KAFKA_CONTROLLER_PORT", 9093));
        System.out.printf("PostgreSQL  %s (user %s)%nKafka       %s%n", stack.jdbcUrl(""), PostgresServer.SUPERUSER,
                stack.bootstrapServers());

        Path logs = Files.createDirectories(dataDir.resolve("logs"));
        List<ServiceProcess> launched = SERVICES.stream()
                .map(s -> ServiceProcess.of(root, s.name(), smoke ? DevStack.freePort() : s.port(), s.database(), stack,
                        IdentityProvider.issuer(idpPort), logs))
                .toList();
        // hq-service tells the operations team a case's story from the other services' stores: where they listen
        Map<String, String> addresses = Map.of("CLINIC_COMPLAINT_SERVICE_URL", launched.get(0).baseUrl(),
                "CLINIC_REFUND_SERVICE_URL", launched.get(1).baseUrl(), "CLINIC_FOLLOWUP_SERVICE_URL", launched.get(2).baseUrl());
        List<ServiceProcess> services = launched.stream()
                .map(s -> s.name().equals("hq-service") ? s.with(s.port(), addresses) : s).toList();
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            System.out.println("Stopping the services, Kafka and PostgreSQL...");
            // each service drains its consumers and relay for a few seconds: side by side, not one after another
            List<Thread> stoppers = services.stream().map(s -> Thread.ofPlatform().start(s::stop)).toList();
            for (Thread t : stoppers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            stack.close();
            idp.thenAccept(IdentityProvider::close);
            System.out.println("Stopped.");
        }, "local-run-stop"));

        for (ServiceProcess s : services) {
            if (!Files.exists(s.jar())) {
                System.err.println("Not built: " + s.jar() + "  (./mvnw package -DskipTests builds it)");
                System.exit(2);
            }
            s.start();
        }
        for (ServiceProcess s : services) {
            s.awaitReady(Duration.ofMinutes(2));
        }
        // up when a token can be had too: the services answer nothing without one
        IdentityProvider keycloak;
        try {
            keycloak = idp.join();
        } catch (java.util.concurrent.CompletionException e) {
            keycloak = null;
            System.err.println("Keycloak did not start: " + e.getCause().getMessage());
        }
        System.out.printf("%nclinic case-handling is up (%.1f s):%n", (System.nanoTime() - started) / 1e9);
        for (ServiceProcess s : services) {
            System.out.printf("  %-17s %s   OpenAPI %s/q/openapi   health %s/q/health%n",
                    s.name(), s.baseUrl(), s.baseUrl(), s.baseUrl());
        }
        if (keycloak != null) {
            System.out.print(keycloak.describe());
        }
        System.out.printf("Logs: %s%nData: %s (./run-local --reset wipes it)%nCtrl-C stops everything.%n", logs, dataDir);
        if (smoke) {
            if (keycloak == null) {
                System.err.println("smoke: FAILED: the identity provider did not start");
                System.exit(1);
            }
            String token = keycloak.clientToken("branch-SH001", "branch-SH001-local-secret");
            System.out.println("smoke: the identity provider issued a branch system's token");
            double ready = (System.nanoTime() - started) / 1e9;
            int status = Smoke.run(services.get(0).baseUrl(), services.get(1).baseUrl(), services.get(2).baseUrl(),
                    services.get(3).baseUrl(), token, keycloak.hqToken(), ready);
            System.exit(status); // the shutdown hook stops the services, Kafka and PostgreSQL
        }

        // Stay up while the services do; if one exits by itself (not on Ctrl-C), say so and stop the rest.
        while (true) {
            for (ServiceProcess s : services) {
                if (s.waitFor(Duration.ofMillis(300)) && !stopping.get()) {
                    System.err.println(s.name() + " exited; see " + s.log());
                    System.exit(1);
                }
            }
        }
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
