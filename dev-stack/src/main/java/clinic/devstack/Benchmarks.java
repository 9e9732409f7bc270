package clinic.devstack;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Figures the benchmarks measure, printed and kept in {@code BENCHMARKS.md} at the repository's root: each benchmark
 * owns a section of that file and rewrites it on every run with the date, the machine and what it measured, so the
 * file always holds the latest figures of every benchmark, as measured, and the README none. The benchmarks are the
 * tests tagged {@code @Tag("benchmark")}: only {@code ./mvnw verify -Pbenchmarks} runs them (see the root pom), and
 * {@code ./run-local --smoke} records its start-up timings.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    /**
     * Whether this run was asked for figures ({@code -Pbenchmarks} sets the system property {@code clinic.benchmarks}):
     * a test that reports figures along the way, not a benchmark itself, records them only then and prints them
     * otherwise, so that the default {@code ./mvnw verify} leaves BENCHMARKS.md alone.
     */
    public static boolean requested() {
        return Boolean.getBoolean("clinic.benchmarks");
    }

    /**
     * Prints {@code lines} and replaces the section {@code name} of BENCHMARKS.md with them (and the file's header, up
     * to its first section, with {@link #HEADER}).
     */
    public static synchronized void record(String name, String title, List<String> lines) {
        lines.forEach(l -> System.out.println("benchmark " + name + ": " + l));
        Path file = root().resolve("BENCHMARKS.md");
        String begin = "<!-- " + name + " -->";
        String end = "<!-- /" + name + " -->";
        List<String> section = new ArrayList<>();
        section.add(begin);
        section.add("## " + title);
        section.add("");
        section.add("Measured " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " on " + machine() + ".");
        section.add("");
        lines.forEach(l -> section.add("- " + l));
        section.add(end);
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : HEADER;
            int first = text.indexOf("<!-- ");
            text = first >= 0 ? HEADER + "\n" + text.substring(first) : HEADER;
            int from = text.indexOf(begin);
            int to = text.indexOf(end);
            String block = String.join("\n", section);
            text = from >= 0 && to > from
                    ? text.substring(0, from) + block + text.substring(to + end.length())
                    : text.stripTrailing() + "\n\n" + block + "\n";
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.out.println("benchmark " + name + ": BENCHMARKS.md not written: " + e);
        }
    }

    private static final String HEADER = """
            # Benchmarks

            Written by the benchmark runs themselves, never by hand: `./mvnw verify -Pbenchmarks` runs them all (the
            default `./mvnw verify` runs none of them), `./run-local --smoke` writes its own section, and each section
            says how to run its own and when and on what machine it was measured. Every figure comes from a machine where
            the services, Kafka, PostgreSQL and the load share the same cores, so they are floor figures. Compare runs
            with `git log -p BENCHMARKS.md`.
            """;

    /** The machine as the JDK sees it: OS and architecture, cores, memory, the measuring JVM's heap and the JDK. */
    static String machine() {
        String memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? String.format("%.1f GB memory, ", os.getTotalMemorySize() / (1024.0 * 1024 * 1024)) : "";
        return System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + memory
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB heap for the measuring JVM, JDK "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.vendor") + ")";
    }

    /** The repository's root: the first folder upwards that holds {@code mvnw}. */
    static Path root() {
        Path dir = Path.of(System.getProperty("clinic.root", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw"))) {
                return d;
            }
        }
        return dir;
    }
}
