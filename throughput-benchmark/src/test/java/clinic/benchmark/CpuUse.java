package clinic.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a phase's CPU went, process by process, from the kernel's own accounting ({@code /proc}, Linux): each service,
 * PostgreSQL's server with all its backends, and this JVM (Kafka's broker and the load generator), against what the
 * whole machine spent. Divided by the complaints filed, it says what one filing costs each part of the system, which is
 * what decides the filing rate on two saturated cores.
 */
final class CpuUse {

    /** The kernel's clock ticks per second for {@code /proc/<pid>/stat} and {@code /proc/stat} (USER_HZ; 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU seconds so far, by part, and the machine's busy seconds. */
    record Snapshot(Map<String, Double> seconds, double machine) {
    }

    private final Map<String, Long> pids;
    private final Path postmasterPid;

    /** @param processes the services' processes by name; {@code postgresData} the server's data directory */
    CpuUse(Map<String, Long> processes, Path postgresData) {
        this.pids = Map.copyOf(processes);
        this.postmasterPid = postgresData.resolve("postmaster.pid");
    }

    static boolean available() {
        return Files.isReadable(Path.of("/proc/stat"));
    }

    Snapshot take() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> seconds.put(name, ticks(pid) / TICKS_PER_SECOND));
        seconds.put("PostgreSQL", postgres() / TICKS_PER_SECOND);
        seconds.put("this JVM (Kafka broker, load generator)", ticks(ProcessHandle.current().pid()) / TICKS_PER_SECOND);
        return new Snapshot(seconds, machineBusy() / TICKS_PER_SECOND);
    }

    /** "complaint-service 4.8 ms, … machine 19.4 ms" per filing between two snapshots. */
    static String perFiling(Snapshot before, Snapshot after, long filings) {
        StringBuilder text = new StringBuilder();
        double parts = 0;
        for (var part : after.seconds().entrySet()) {
            double used = part.getValue() - before.seconds().getOrDefault(part.getKey(), 0.0);
            parts += used;
            text.append(String.format("%s %.1f ms, ", part.getKey(), used * 1000 / filings));
        }
        double machine = after.machine() - before.machine();
        return text.append(String.format("the rest (Keycloak, the OS, …) %.1f ms; whole machine %.1f ms",
                Math.max(0, machine - parts) * 1000 / filings, machine * 1000 / filings)).toString();
    }

    /** The postmaster and its children (backends, WAL writer, checkpointer…). */
    private long postgres() {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
            // its own time, and that of the children it has reaped (autovacuum workers, ended backends), so that the
            // total only grows; then the children alive now
            long total = stat(postmaster).map(f -> Long.parseLong(f.get(11)) + Long.parseLong(f.get(12))
                    + Long.parseLong(f.get(13)) + Long.parseLong(f.get(14))).orElse(0L);
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                    Optional<List<String>> stat = stat(Long.parseLong(p.getFileName().toString()));
                    if (stat.isPresent() && Long.parseLong(stat.get().get(1)) == postmaster) {
                        total += Long.parseLong(stat.get().get(11)) + Long.parseLong(stat.get().get(12));
                    }
                }
            }
            return total;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime of one process (its own threads; a JVM's threads are all in it). */
    private static long ticks(long pid) {
        return stat(pid).map(f -> Long.parseLong(f.get(11)) + Long.parseLong(f.get(12))).orElse(0L);
    }

    /**
     * The fields of {@code /proc/<pid>/stat} after the command name: index 0 is the state, 1 the parent, 11 utime,
     * 12 stime, 13 cutime and 14 cstime (reaped children's).
     */
    private static Optional<List<String>> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            return Optional.of(List.of(line.substring(line.lastIndexOf(')') + 2).split(" ")));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** user + nice + system + irq + softirq of the machine's first line of {@code /proc/stat} (steal is not ours). */
    private static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
