package clinic.ops;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code rebuild SERVICE [READ_MODEL] [--restart]}: lists a service's read models, or rebuilds one from the service's
 * events, showing the service's progress as it streams it (NDJSON, one RebuildProgress a line).
 */
@Command(name = "rebuild",
        header = "Rebuild a service's read model from its events, or list its read models.",
        description = "Rebuilds one of a service's read models from its events, with a progress bar on stderr. "
                + "Without READ_MODEL: lists the service's read models and their last rebuild. A rebuild that is cut "
                + "off goes on from its last batch when run again; --restart starts it over from the first event. "
                + "--json prints the service's answers as they are (the progress lines as they come).")
final class RebuildCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "one of: ${COMPLETION-CANDIDATES}")
    Service service;

    @Parameters(index = "1", arity = "0..1", paramLabel = "READ_MODEL", description = "the read model to rebuild")
    String readModel;

    @Option(names = "--restart", description = "start over from the first event instead of going on from the last batch")
    boolean restart;

    @Override
    int run() throws Exception {
        if (readModel == null) {
            if (restart) {
                throw usage("--restart needs the READ_MODEL to rebuild");
            }
            return list();
        }
        return rebuild();
    }

    private int list() throws InterruptedException {
        String body = ops().client().get(service, "/operations/read-models");
        if (json()) {
            out().println(body.strip());
            return 0;
        }
        JsonNode models = Json.read(body, service.serviceName());
        Table table = new Table("READ MODEL", "LAST REBUILD", "EVENTS", "STREAMS");
        for (JsonNode model : models) {
            JsonNode latest = model.get("latest");
            if (latest == null || latest.isNull()) {
                table.row(Json.text(model, "name"), "never", null, null);
                continue;
            }
            String finishedAt = Json.text(latest, "finishedAt");
            String state = finishedAt != null
                    ? "finished " + finishedAt + " in " + seconds(Json.text(latest, "startedAt"), finishedAt)
                    : "unfinished (started " + Json.text(latest, "startedAt") + ")";
            table.row(Json.text(model, "name"), state,
                    ProgressBar.number(latest.path("eventsDone").asLong()) + "/" + ProgressBar.number(latest.path("eventsTotal").asLong()),
                    ProgressBar.number(latest.path("streamsDone").asLong()) + "/" + ProgressBar.number(latest.path("streamsTotal").asLong()));
        }
        if (table.isEmpty()) {
            out().println(service.serviceName() + " has no read models to rebuild");
        } else {
            table.print(out());
        }
        return 0;
    }

    private int rebuild() throws InterruptedException {
        String path = "/operations/read-models/" + ServiceClient.encode(readModel) + "/rebuild?restart=" + restart;
        ProgressBar bar = new ProgressBar(err(), ProgressBar.stderrIsTerminal(), System::nanoTime);
        JsonNode last = null;
        try (Stream<String> lines = ops().client().postLines(service, path, "application/x-ndjson")) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isBlank()) {
                    continue;
                }
                JsonNode progress = Json.read(line, service.serviceName());
                last = progress;
                boolean finished = Json.text(progress, "finishedAt") != null;
                if (json()) {
                    out().println(line.strip());
                    out().flush();
                } else {
                    bar.update(progress, finished);
                }
                if (finished) {
                    break;
                }
            }
        } catch (UncheckedIOException dropped) {
            // the connection dropped mid-stream: said below, like a stream that ends early
        }
        bar.finish();
        if (last == null || Json.text(last, "finishedAt") == null) {
            String seen = last == null ? "before any progress came"
                    : "at " + ProgressBar.number(last.path("eventsDone").asLong()) + "/"
                    + ProgressBar.number(last.path("eventsTotal").asLong()) + " events";
            throw new OpsException("error: the connection to " + service.serviceName() + " dropped " + seen
                    + " of the rebuild of " + readModel + ".\n  The rebuild goes on from its last batch when run again: "
                    + "clinic-ops rebuild " + service.name() + " " + readModel);
        }
        if (!json()) {
            out().printf("rebuilt %s: %s events in %s%n", Json.text(last, "readModel"),
                    ProgressBar.number(last.path("eventsDone").asLong()),
                    seconds(Json.text(last, "startedAt"), Json.text(last, "finishedAt")));
        }
        return 0;
    }

    /** The time between two instants in seconds, one decimal: "38.4 s". */
    static String seconds(String from, String to) {
        try {
            Duration d = Duration.between(Instant.parse(from), Instant.parse(to));
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        } catch (NullPointerException | DateTimeParseException unknown) {
            return "? s";
        }
    }
}
