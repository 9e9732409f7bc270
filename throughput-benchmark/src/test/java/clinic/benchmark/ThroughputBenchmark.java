package clinic.benchmark;

import clinic.devstack.Benchmarks;
import clinic.devstack.DevStack;
import clinic.devstack.IdentityProvider;
import clinic.devstack.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throughput and latency of the packaged system: complaint-service, refund-service and followup-service as processes
 * on one dev-stack (as SystemIT starts them), complaints filed over HTTP by the branch systems with their Keycloak
 * tokens, and every figure read against what the same PostgreSQL server does with raw single-row commits.
 *
 * <p>A filing rate only counts with its downstream: each phase also says how long after its last POST every refund
 * case and follow-up task it caused was stored. End-to-end latencies come from the stores' own {@code recorded_at},
 * so nothing polls the services while they are measured. Then the same load again after a million events of history,
 * and each service's memory and start-up time.
 *
 * <p>{@code ./mvnw verify -Pbenchmarks -pl throughput-benchmark}; {@code -Dbenchmark.history=N} (default 1,000,000, 0
 * skips), {@code -Dbenchmark.rate=200} (open loop), {@code -Dbenchmark.lightRate=10} (open loop below capacity),
 * {@code -Dbenchmark.scale=1} (multiplies every phase's length).
 */
@Tag("benchmark")
class ThroughputBenchmark {

    static final long HISTORY = Long.getLong("benchmark.history", 1_000_000);
    static final double RATE = Double.parseDouble(System.getProperty("benchmark.rate", "200"));
    /**
     * An open loop well below what the services keep up with on two cores: at {@link #RATE} the downstream falls
     * behind and the end-to-end figures measure its backlog; at this rate they measure the path itself.
     */
    static final double LIGHT_RATE = Double.parseDouble(System.getProperty("benchmark.lightRate", "10"));
    static final double SCALE = Double.parseDouble(System.getProperty("benchmark.scale", "1"));
    /** This run's history streams, apart from any earlier run's on the same stack. */
    static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** The open loop's in-flight capacity: 200/s at up to ~1 s a request, with room to spare. */
    static final int IN_FLIGHT = 256;

    static DevStack stack;
    static IdentityProvider keycloak;
    static ServiceProcess complaints;
    static ServiceProcess refunds;
    static ServiceProcess followups;
    /** Each service's time from its start to ready, started one at a time so that none's start slows another's. */
    static final Map<ServiceProcess, Duration> readyIn = new LinkedHashMap<>();
    /** The CPU the services, PostgreSQL and this JVM use, read around the closed-loop phases. */
    static CpuUse cpu;
    /** What one raw commit costs the machine in CPU, for the rows that say what one filing costs. */
    static String anchorCpu = "—";
    /** The server's statement statistics, read around the closed-loop phases. */
    static Optional<Statements> statements = Optional.empty();

    @BeforeAll
    static void startTheSystem() throws Exception {
        Path root = Path.of(System.getProperty("clinic.root", "..")).toAbsolutePath().normalize();
        Path logs = Files.createDirectories(root.resolve("throughput-benchmark/target/service-logs"));
        int idpPort = DevStack.freePort();
        var idp = Executors.newSingleThreadExecutor().submit(() ->
                IdentityProvider.start(root.resolve("throughput-benchmark/target/keycloak"), idpPort));
        stack = DevStack.shared();
        // Keycloak first: on two cores its start would otherwise inflate the services' start-up times
        keycloak = idp.get(3, TimeUnit.MINUTES);
        String issuer = IdentityProvider.issuer(idpPort);
        complaints = ServiceProcess.of(root, "complaint-service", DevStack.freePort(), "complaints", stack, issuer, logs);
        refunds = ServiceProcess.of(root, "refund-service", DevStack.freePort(), "refunds", stack, issuer, logs);
        followups = ServiceProcess.of(root, "followup-service", DevStack.freePort(), "followups", stack, issuer, logs);
        for (ServiceProcess s : List.of(complaints, refunds, followups)) {
            long started = System.nanoTime();
            s.start();
            s.awaitReady(Duration.ofMinutes(2));
            readyIn.put(s, Duration.ofNanos(System.nanoTime() - started));
            System.out.printf("throughput: %s ready in %.1f s%n", s.name(), readyIn.get(s).toNanos() / 1e9);
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        for (ServiceProcess s : List.of(complaints, refunds, followups)) {
            Footprint.processOf(s).ifPresent(p -> pids.put(s.name(), p.pid()));
        }
        cpu = CpuUse.available() ? new CpuUse(pids, stack.dataDir().resolve("postgres")) : null;
        statements = Statements.of(stack);
    }

    @AfterAll
    static void stopTheSystem() {
        for (ServiceProcess s : java.util.Arrays.asList(followups, refunds, complaints)) {
            if (s != null) {
                s.stop();
            }
        }
        if (keycloak != null) {
            keycloak.close();
        }
        statements.ifPresent(s -> {
            try {
                s.close();
            } catch (java.sql.SQLException ignored) {
                // the stack stops with this JVM
            }
        });
    }

    @Test
    void filing_throughput_and_latency_against_raw_commits() throws Exception {
        Results results = new Results();
        boolean complete = false;
        try (Stores stores = new Stores(stack)) {
            double[] anchor = anchor(results);
            double anchor1 = anchor[0];
            double anchor16 = anchor[1];
            ComplaintFiler filer = new ComplaintFiler(complaints.baseUrl(), branchSystemsThatMayFile());

            // long enough for the services' JIT to compile the hot paths: what follows measures them warm, as a
            // service that has run for a while is (on two saturated cores, with two compiler threads a service, the
            // filing rate was still rising after two minutes: 60/s in the first 20 s after 45 s of load, 90/s later)
            Load.Result warmUp = Load.closedLoop(filer, 16, seconds(90));
            System.out.printf("throughput: warm-up, 16 clients: %d filed (%.1f/s), downstream %s after%n",
                    warmUp.filed(), warmUp.perSecond(), stores.drain(warmUp));

            closedLoop(results, stores, filer, "filing, 1 client", 1, seconds(20),
                    String.format("JDBC 1 client: %.0f commits/s", anchor1), anchor1);
            Load.Result sixteen = closedLoop(results, stores, filer, "filing, 16 clients", 16, seconds(20),
                    String.format("JDBC 16 clients: %.0f commits/s", anchor16), anchor16);
            burst(results, stores, filer);
            Load.Result light = openLoop(results, stores, filer, LIGHT_RATE, " (below capacity)",
                    String.format("offered %.0f/s", LIGHT_RATE), LIGHT_RATE);
            Load.Result open = openLoop(results, stores, filer, RATE, "",
                    String.format("JDBC 16 clients: %.0f commits/s", anchor16), anchor16);

            if (HISTORY > 0) {
                history(results, stores, filer, sixteen, light, open);
            }
            footprint(results);
            complete = true;
        } finally {
            System.out.println("\nthroughput: the run's figures\n" + results.table());
            // -Pbenchmarks asks for the figures to be kept; a trial run (-Dclinic.benchmarks=false) only prints them
            if (complete && Benchmarks.requested()) {
                Benchmarks.record("throughput", "Throughput and latency of the packaged services (ThroughputBenchmark; "
                        + "./mvnw install -DskipTests && ./mvnw verify -Pbenchmarks -pl throughput-benchmark)", results.lines());
            }
        }
    }

    /** Raw durable commits on the same server: JDBC at 1 and 16 clients, and pgbench when installed. */
    private double[] anchor(Results results) throws Exception {
        Anchor.prepare(stack);
        double one = Anchor.jdbcCommitsPerSecond(stack, 1, seconds(15));
        results.add("anchor: JDBC single-row durable commits, 1 client", "—", String.format("%.0f commits/s", one), "—");
        CpuUse.Snapshot before = cpu == null ? null : cpu.take();
        double sixteen = Anchor.jdbcCommitsPerSecond(stack, 16, seconds(15));
        results.add("anchor: JDBC single-row durable commits, 16 clients", "—", String.format("%.0f commits/s", sixteen), "—");
        if (before != null && sixteen > 0) {
            // the machine's CPU over the phase (connections opened included) per commit made
            CpuUse.Snapshot after = cpu.take();
            anchorCpu = String.format("JDBC commit: whole machine %.2f ms",
                    (after.machine() - before.machine()) * 1000 / (sixteen * seconds(15).toNanos() / 1e9));
        }
        Optional<Path> pgbench = Anchor.pgbench();
        if (pgbench.isPresent()) {
            OptionalDouble tps = Anchor.pgbenchCommitsPerSecond(pgbench.get(), stack, 16, 2, seconds(15));
            if (tps.isPresent()) {
                results.add("anchor: pgbench one-insert script, -c 16 -j 2", "—",
                        String.format("%.0f tps", tps.getAsDouble()), "—");
            }
        } else {
            System.out.println("throughput: no pgbench on this machine; the JDBC figures are the anchor");
        }
        return new double[] {one, sixteen};
    }

    /**
     * The branch systems whose token complaint-service accepts for their own branch: each files one complaint first.
     * A branch system files for its own branch only, so the load goes round all of them.
     */
    private static List<BranchSystems.BranchSystem> branchSystemsThatMayFile() {
        List<BranchSystems.BranchSystem> usable = new ArrayList<>();
        ComplaintFiler probe = new ComplaintFiler(complaints.baseUrl(), List.of());
        for (BranchSystems.BranchSystem b : BranchSystems.of(keycloak)) {
            ComplaintFiler.Filed filed = probe.file(b, false);
            if (filed.ok()) {
                usable.add(b);
            } else {
                System.out.printf("throughput: branch system %s may not file (%d); left out%n", b.branch(), filed.status());
            }
        }
        assertThat(usable).as("branch systems that may file").isNotEmpty();
        System.out.println("throughput: filing as the branch systems of " + usable.stream().map(BranchSystems.BranchSystem::branch).toList());
        return usable;
    }

    /** Closed loop, then its drain: "filed X/s, all downstream effects visible Y s after the last POST". */
    private Load.Result closedLoop(Results results, Stores stores, ComplaintFiler filer, String measure, int clients,
                                   Duration duration, String anchorText, double anchor) throws Exception {
        stores.settle();
        if (statements.isPresent()) {
            statements.get().reset();
        }
        CpuUse.Snapshot before = cpu == null ? null : cpu.take();
        Load.Result r = Load.closedLoop(filer, clients, duration);
        Stores.Drain drain = stores.drain(r);
        results.add(measure, String.format("filed %.1f/s%s (POST p50 %.0f ms, p99 %.0f ms), all downstream effects visible %s after the last POST",
                        r.perSecond(), failures(r), r.latencyMs(50), r.latencyMs(99), drain),
                anchorText, Results.ratio(r.perSecond(), anchor));
        if (before != null && r.filed() > 0) {
            // from the first POST until every effect was stored: the whole cost of a filing, downstream included
            results.add("  CPU per filing (" + measure + ")", CpuUse.perFiling(before, cpu.take(), r.filed()),
                    anchorCpu, "—");
        }
        if (statements.isPresent() && r.filed() > 0) {
            results.add("  SQL per filing (" + measure + ")", statements.get().perFiling(r.filed()), "—", "—");
        }
        return r;
    }

    /** 16 clients for 30 s, and how long the downstream takes to catch up (target: under 5 s). */
    private void burst(Results results, Stores stores, ComplaintFiler filer) throws Exception {
        stores.settle();
        Load.Result r = Load.closedLoop(filer, 16, seconds(30));
        Stores.Drain drain = stores.drain(r);
        results.add("burst, 16 clients for 30 s", String.format("filed %d (%.1f/s%s, POST p50 %.0f ms, p99 %.0f ms); drained %s after the last POST",
                        r.filed(), r.perSecond(), failures(r), r.latencyMs(50), r.latencyMs(99), drain),
                "target: drained < 5 s", drain.done() ? String.format("%.2f", drain.after().toNanos() / 1e9 / 5) : "—");
    }

    /**
     * A fixed arrival rate for 30 s; POST latency from each send's scheduled time; then, read from the three stores,
     * filed → refund case and filed → follow-up task, and the relay's publish delay from complaint-service's metrics.
     */
    private Load.Result openLoop(Results results, Stores stores, ComplaintFiler filer, double rate, String suffix,
                                 String anchorText, double anchor) throws Exception {
        stores.settle();
        long from = stores.lastPosition();
        Optional<RelayDelay.Buckets> before = RelayDelay.scrape(complaints.baseUrl());
        Load.Result r = Load.openLoop(filer, rate, seconds(30), IN_FLIGHT);
        Stores.Drain drain = stores.drain(r);
        Optional<RelayDelay.Buckets> after = RelayDelay.scrape(complaints.baseUrl());
        long to = stores.lastPosition();
        String name = String.format("open loop, %.0f/s offered for %.0f s%s", rate, seconds(30).toMillis() / 1000.0, suffix);
        String notSent = r.notSent() > 0 ? String.format(", %d not sent: all %d slots busy", r.notSent(), IN_FLIGHT) : "";
        results.add(name, String.format("achieved %.1f/s%s%s (POST p50 %.0f ms, p99 %.0f ms from the scheduled time); drained %s after the last POST",
                        r.perSecond(), failures(r), notSent, r.latencyMs(50), r.latencyMs(99), drain),
                anchorText, Results.ratio(r.perSecond(), anchor));

        Stores.EndToEnd e2e = stores.endToEnd(from, to);
        endToEnd(results, "e2e filed → refund case" + suffix, e2e.toRefundCase(), r.refundComplaints().size());
        endToEnd(results, "e2e filed → follow-up task" + suffix, e2e.toFollowUpTask(), r.complaints().size());
        results.add("relay publish delay, commit → broker ack" + suffix, RelayDelay.between(before, after), "—", "—");
        return r;
    }

    private static void endToEnd(Results results, String measure, long[] micros, int expected) {
        double p50 = Stats.percentile(micros, 50) / 1000;
        double p99 = Stats.percentile(micros, 99) / 1000;
        String missing = micros.length < expected ? String.format(", %d missing", expected - micros.length) : "";
        results.add(measure, String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d%s)", p50, p99,
                        Stats.max(micros) / 1000, micros.length, missing),
                "target: p50 < 25 ms, p99 < 100 ms", String.format("p50 %.2f, p99 %.2f", p50 / 25, p99 / 100));
    }

    /** The 16-client and open-loop phases again over {@link #HISTORY} more stored events; anchor: the same phase before. */
    private void history(Results results, Stores stores, ComplaintFiler filer, Load.Result sixteen, Load.Result light,
                         Load.Result open) throws Exception {
        History.Seeded seeded = History.seed(stores.complaints(), HISTORY, RUN);
        long stored = History.events(stores.complaints());
        results.add(String.format("history: %,d events seeded into complaint-service's store", seeded.events()),
                String.format("inserted in %.1f s, %,d events stored now; %s", seeded.took().toNanos() / 1e9, stored,
                        seeded.checkpointMoved() ? "relay checkpoint (" + seeded.relay() + ") moved past them in the same transaction, never published"
                                : "relay was behind, checkpoint left alone: the relay publishes them and the consumers skip type " + History.TYPE),
                "—", "—");
        String with = String.format(" with %,d events stored", stored);
        closedLoop(results, stores, filer, "filing, 16 clients" + with, 16, seconds(20),
                String.format("same phase before the history: %.1f/s", sixteen.perSecond()), sixteen.perSecond());
        openLoop(results, stores, filer, LIGHT_RATE, " (below capacity)" + with,
                String.format("same phase before the history: %.1f/s", light.perSecond()), light.perSecond());
        openLoop(results, stores, filer, RATE, with,
                String.format("same phase before the history: %.1f/s", open.perSecond()), open.perSecond());
    }

    /** Each service's resident memory after the load, and its time to ready at the start. */
    private void footprint(Results results) {
        for (ServiceProcess s : List.of(complaints, refunds, followups)) {
            Optional<Double> rss = Footprint.residentMb(s);
            double ready = readyIn.get(s).toNanos() / 1e9;
            results.add(s.name() + ": resident memory after the load, time to ready",
                    String.format("RSS %s, ready in %.1f s", rss.map(mb -> String.format("%.0f MB", mb)).orElse("n/a"), ready),
                    "target: RSS < 250 MB, ready < 10 s",
                    String.format("%s, %.2f", rss.map(mb -> String.format("%.2f", mb / 250)).orElse("—"), ready / 10));
        }
    }

    /** ", N failed {status=count}" (-1: no answer), or nothing. */
    private static String failures(Load.Result r) {
        if (r.failed() == 0) {
            return "";
        }
        var byStatus = r.outcomes().stream().filter(f -> !f.ok()).collect(java.util.stream.Collectors.groupingBy(
                ComplaintFiler.Filed::status, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        return String.format(", %d failed %s", r.failed(), byStatus);
    }

    private static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * SCALE * 1000));
    }
}
