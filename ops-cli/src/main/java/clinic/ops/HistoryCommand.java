package clinic.ops;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code history COMPLAINT_ID}: a case's events in every service, in the order they happened (HQ's merged view). */
@Command(name = "history",
        header = "A case's whole history across the services, in order.",
        description = "Every event of the complaint, its refund, purchases, follow-up tasks and survey, in the order "
                + "they happened, with who did it and which event caused it (hq-service's merged view). A warning "
                + "names each service hq-service could not reach. --json prints hq-service's answer as it is.")
final class HistoryCommand extends OpsCommand {

    @Parameters(paramLabel = "COMPLAINT_ID", description = "the complaint's id")
    String complaintId;

    @Override
    int run() throws Exception {
        String body = ops().client().get(Service.hq,
                "/operations/cases/" + ServiceClient.encode(complaintId) + "/history");
        JsonNode history = Json.read(body, "hq-service");
        if (json()) {
            out().println(body.strip());
        } else {
            print(history);
        }
        JsonNode unreachable = history.get("unreachable");
        if (unreachable != null) {
            for (JsonNode service : unreachable) {
                err().println("warning: hq-service could not reach " + service.asText()
                        + ": its events are missing from this history");
            }
        }
        return 0;
    }

    private void print(JsonNode history) {
        out().printf("case %s  complaint %s  branch %s  correlation %s%n",
                or(Json.text(history, "caseNumber")), or(Json.text(history, "complaintId")),
                or(Json.text(history, "branchId")), or(Json.text(history, "correlationId")));
        JsonNode entries = history.get("entries");
        if (entries == null || entries.isEmpty()) {
            out().println("no events");
            return;
        }
        // in the order given: by when each was recorded (an effect after its cause); an event recorded with another
        // moment of occurrence (a consumer's effect dated at its cause) shows that moment too
        Table table = new Table("RECORDED", "SERVICE", "STREAM", "VERSION", "TYPE", "ACTOR", "CAUSED BY");
        for (JsonNode e : entries) {
            String recorded = Json.text(e, "recordedAt");
            String occurred = Json.text(e, "occurredAt");
            table.row(recorded == null ? occurred : recorded, Json.text(e, "service"),
                    or(Json.text(e, "streamKind")) + " " + shortId(Json.text(e, "streamId")),
                    Json.text(e, "version"), Json.text(e, "type"), Json.text(e, "actor"),
                    shortId(Json.text(e, "causationId")));
        }
        table.print(out());
        out().printf("%d events%n", entries.size());
    }

    /** The first 8 characters of an id (a UUID's first group), enough to tell the case's streams and events apart. */
    static String shortId(String id) {
        if (id == null) {
            return null;
        }
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String or(String s) {
        return s == null ? "-" : s;
    }
}
