package clinic.ops;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A rebuild's progress on stderr: {@code complaint-list [##########----------] 52% 104,000/200,000 events  5,210/s
 * about 18s left}. On a terminal the line is redrawn in place ({@code \r}); otherwise (a CI log, a pipe, a test) it is
 * written as a line of its own at most once a second, and the last one always.
 */
final class ProgressBar {

    static final int WIDTH = 20;
    private static final long INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private long lastPrinted;
    private boolean printed;
    private int lastLength;
    private boolean open;

    ProgressBar(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    /** Whether stderr is a terminal: {@link System#console()}, and on JDK 22+ its {@code isTerminal()}. */
    static boolean stderrIsTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // JDK 22+ has a console even when redirected; isTerminal() tells (not in the Java 21 API this compiles to)
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJdk) {
            return true;
        }
    }

    /** Shows one RebuildProgress; {@code last}: the final one (finishedAt set), always shown. */
    void update(JsonNode progress, boolean last) {
        long now = nanoTime.getAsLong();
        if (!terminal && printed && !last && now - lastPrinted < INTERVAL_NANOS) {
            return;
        }
        String line = line(progress);
        if (terminal) {
            err.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            open = true;
            if (last) {
                finish();
            }
        } else {
            err.println(line);
        }
        err.flush();
        printed = true;
        lastPrinted = now;
    }

    /** Ends a line redrawn in place, so what follows starts on a line of its own. */
    void finish() {
        if (open) {
            err.println();
            err.flush();
            open = false;
        }
    }

    static String line(JsonNode p) {
        long done = p.path("eventsDone").asLong();
        long total = p.path("eventsTotal").asLong();
        boolean finished = Json.text(p, "finishedAt") != null;
        int percent = total <= 0 ? (finished ? 100 : 0) : (int) Math.min(100, done * 100 / total);
        int filled = percent * WIDTH / 100;
        StringBuilder line = new StringBuilder()
                .append(Json.text(p, "readModel")).append(" [")
                .append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                .append(percent).append("% ")
                .append(number(done)).append('/').append(number(total)).append(" events");
        if (p.hasNonNull("eventsPerSecond")) {
            line.append("  ").append(number(Math.round(p.get("eventsPerSecond").asDouble()))).append("/s");
        }
        if (finished) {
            line.append("  done");
        } else {
            String left = Json.text(p, "timeLeft");
            if (left != null) {
                try {
                    line.append("  about ").append(duration(Duration.parse(left))).append(" left");
                } catch (DateTimeParseException ignored) {
                    // a time left we cannot read is left out
                }
            }
        }
        return line.toString();
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** 18s, 4m 05s, 2h 10m: rounded up to the second. */
    static String duration(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
