package clinic.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code redrive SERVICE --stream ID | --from P --to Q}: has a service's outbox relay publish stored events to its topic
 * again (a stream's, or a range of store positions), for consumers that lost them.
 */
@Command(name = "redrive",
        header = "Publish a service's stored events to its topic again.",
        description = "Has a service's outbox relay publish stored events to its topic again: one stream's "
                + "(--stream), or those between two positions of its store (--from, --to, both included). Consumers' "
                + "inboxes make a second delivery harmless. --json prints the service's answer as it is.")
final class RedriveCommand extends OpsCommand {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "one of: ${COMPLETION-CANDIDATES}")
    Service.WithRelay service;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    static final class Selection {
        @Option(names = "--stream", paramLabel = "STREAM_ID", description = "every event of this stream")
        String streamId;

        @ArgGroup(exclusive = false)
        Range range;
    }

    static final class Range {
        @Option(names = "--from", required = true, paramLabel = "POSITION", description = "the first store position")
        long from;

        @Option(names = "--to", required = true, paramLabel = "POSITION", description = "the last store position")
        long to;
    }

    @Override
    int run() throws Exception {
        ObjectNode request = Json.object();
        if (selection.range != null) {
            if (selection.range.from > selection.range.to) {
                throw usage("--from " + selection.range.from + " is after --to " + selection.range.to);
            }
            request.put("fromPosition", selection.range.from).put("toPosition", selection.range.to);
        } else {
            request.put("streamId", selection.streamId);
        }
        Service target = service.service();
        String body = ops().client().post(target, "/operations/redrive", request);
        if (json()) {
            out().println(body.strip());
            return 0;
        }
        JsonNode answer = Json.read(body, target.serviceName());
        long published = answer.path("published").asLong();
        String what = selection.streamId != null ? "stream " + selection.streamId
                : "positions " + Json.text(answer, "fromPosition") + " to " + Json.text(answer, "toPosition");
        out().printf("published %s event%s of %s to %s again; consumers' inboxes make a second delivery harmless%n",
                ProgressBar.number(published), published == 1 ? "" : "s", what, Json.text(answer, "topic"));
        return 0;
    }
}
