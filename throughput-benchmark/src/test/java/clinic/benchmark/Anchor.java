package clinic.benchmark;

import clinic.devstack.DevStack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the same PostgreSQL server does with nothing in between: durable single-row commits from plain JDBC (and from
 * pgbench when it is installed), in a database of their own. Every complaint is at least one such commit, so this is
 * the ceiling the product's rates are read against.
 */
final class Anchor {

    static final String DATABASE = "anchor";

    private Anchor() {
    }

    /** The anchor's database and its scratch table: a few columns, a primary key, as a small business row has. */
    static void prepare(DevStack stack) throws SQLException {
        stack.postgres().createDatabases(List.of(DATABASE));
        try (Connection c = Stores.connect(stack, DATABASE); Statement st = c.createStatement()) {
            st.execute("""
                    create table if not exists anchor_rows (
                        id          bigint generated always as identity primary key,
                        branch_id   text        not null,
                        kind        text        not null,
                        amount      bigint      not null,
                        recorded_at timestamptz not null default clock_timestamp())""");
        }
    }

    /** {@code clients} connections, each inserting one row per autocommitted transaction for {@code duration}. */
    static double jdbcCommitsPerSecond(DevStack stack, int clients, Duration duration) throws InterruptedException {
        AtomicLong commits = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        for (int i = 0; i < clients; i++) {
            String branch = "SH" + (100 + i);
            threads.add(Thread.ofPlatform().name("anchor-" + i).start(() -> {
                try (Connection c = Stores.connect(stack, DATABASE); Statement st = c.createStatement()) {
                    st.execute("set synchronous_commit = on"); // the default, said outright: each commit waits for its WAL flush
                    try (PreparedStatement insert = c.prepareStatement(
                            "insert into anchor_rows (branch_id, kind, amount) values (?, ?, ?)")) {
                        long n = 0;
                        while (System.nanoTime() < deadline) {
                            insert.setString(1, branch);
                            insert.setString(2, n % 2 == 0 ? "FULL_REFUND" : "APOLOGY");
                            insert.setLong(3, 1_280_000);
                            insert.executeUpdate();
                            commits.incrementAndGet();
                            n++;
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return commits.get() / ((System.nanoTime() - started) / 1e9);
    }

    /** pgbench, when this machine has it: on PATH or in a Debian PostgreSQL package. */
    static Optional<Path> pgbench() {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(d -> !d.isBlank()).map(d -> Path.of(d, "pgbench"));
        Stream<Path> packaged;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            packaged = versions.map(v -> v.resolve("bin/pgbench")).toList().stream();
        } catch (IOException | RuntimeException none) {
            packaged = Stream.empty();
        }
        return Stream.concat(onPath, packaged).filter(Files::isExecutable).findFirst();
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

    /** pgbench with a one-insert script: its transactions per second, or empty if it did not run. */
    static OptionalDouble pgbenchCommitsPerSecond(Path pgbench, DevStack stack, int clients, int threads, Duration duration)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("anchor-", ".sql");
        Path out = Files.createTempFile("pgbench-", ".out");
        try {
            Files.writeString(script, "insert into anchor_rows (branch_id, kind, amount) values ('SH100', 'APOLOGY', 1280000);\n");
            Process p = new ProcessBuilder(pgbench.toString(), "-h", "localhost", "-p", String.valueOf(stack.postgres().port()),
                    "-U", "postgres", "-n", "-f", script.toString(), "-c", String.valueOf(clients), "-j", String.valueOf(threads),
                    "-T", String.valueOf(duration.toSeconds()), DATABASE)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return OptionalDouble.empty();
            }
            Matcher tps = TPS.matcher(Files.readString(out));
            if (p.exitValue() != 0 || !tps.find()) {
                System.out.println("throughput: pgbench did not run: " + Files.readString(out).strip());
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(Double.parseDouble(tps.group(1)));
        } finally {
            Files.deleteIfExists(script);
            Files.deleteIfExists(out);
        }
    }
}
