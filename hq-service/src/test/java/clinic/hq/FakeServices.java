package clinic.hq;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * complaint-service, refund-service and followup-service as the case history reads them
 * ({@code GET /operations/streams/{id}/events}, {@code GET /operations/events?correlationId=}), played by one small
 * HTTP server on a free port with the canned cases of {@link Canned}; hq-service is pointed at it by
 * {@code clinic.services.*}. For every @QuarkusTest of this module (as {@link DevStackDatabase}: no restart of
 * Quarkus); only the CaseHistory tests ask it anything. A request without a token is answered 401, as the services do.
 */
@QuarkusTestResource(FakeServices.Lifecycle.class)
public class FakeServices {

    /**
     * The canned cases, fixed ids (the same in the test's class loader and the server's).
     * <p>{@link #STORY}: a complaint (filed, acknowledged, resolved) of SH001, its refund case (requested, entitlement
     * calculated from order-77), order-77's purchase (another correlation: recorded at the till before the case), and
     * a follow-up call scheduled because of the resolution but recorded 2 s before it (the follow-up service's clock
     * is behind), then assigned (caused by no event) 1 s before the resolution: it stays after the call's first event.
     * The filed complaint's summary is HTML.
     * <p>{@link #REFUND_DOWN}: a filed complaint whose refund-service answers 500.
     */
    public static final class Canned {
        public static final UUID STORY = UUID.fromString("0b9c6a52-4e8f-4c0e-9a71-3f0d2b7c1a01");
        public static final UUID STORY_CORRELATION = UUID.fromString("c0c0c0c0-1111-4aaa-8bbb-000000000001");
        public static final UUID REFUND_DOWN = UUID.fromString("0b9c6a52-4e8f-4c0e-9a71-3f0d2b7c1a02");
        public static final UUID REFUND_DOWN_CORRELATION = UUID.fromString("c0c0c0c0-1111-4aaa-8bbb-000000000002");
        public static final UUID PURCHASE_CORRELATION = UUID.fromString("c0c0c0c0-1111-4aaa-8bbb-0000000000ff");
        public static final UUID REFUND_CASE = UUID.fromString("7e7e7e7e-2222-4ccc-8ddd-000000000001");
        public static final UUID FOLLOW_UP = UUID.fromString("f0f0f0f0-3333-4eee-8fff-000000000001");
        public static final String ORDER = "order-77";
        public static final String CASE_NUMBER = "SH001-2026-0042";
        public static final String HTML = "<img src=x onerror=alert(1)>";

        public static final UUID FILED = id(1);
        public static final UUID ACKNOWLEDGED = id(2);
        public static final UUID REFUND_REQUESTED = id(3);
        public static final UUID ENTITLEMENT = id(4);
        public static final UUID RESOLVED = id(5);
        public static final UUID FOLLOW_UP_SCHEDULED = id(6);
        public static final UUID PURCHASE = id(7);
        public static final UUID OTHER_FILED = id(8);
        public static final UUID FOLLOW_UP_ASSIGNED = id(9);

        /** The story's events in the order the page must tell them (purchase first: recorded a day before). */
        public static final List<UUID> STORY_ORDER = List.of(PURCHASE, FILED, ACKNOWLEDGED, REFUND_REQUESTED, ENTITLEMENT,
                RESOLVED, FOLLOW_UP_SCHEDULED, FOLLOW_UP_ASSIGNED);

        private static UUID id(int n) {
            return UUID.fromString(String.format("e%07d-0000-4000-8000-0000000000e0", n));
        }

        private Canned() {
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Starts the server, answers where hq-service finds it, stops it at the end. */
    public static class Lifecycle implements QuarkusTestResourceLifecycleManager {
        private HttpServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", FakeServices::answer);
            server.start();
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            return Map.of("clinic.services.complaint-service", base + "/complaint-service",
                    "clinic.services.refund-service", base + "/refund-service",
                    "clinic.services.followup-service", base + "/followup-service");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop(0);
            }
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ")) {
                send(exchange, 401, problem(401, "unauthorized"));
                return;
            }
            String[] parts = path.split("/", 3); // "", service, rest
            String service = parts.length > 1 ? parts[1] : "";
            String rest = parts.length > 2 ? "/" + parts[2] : "";
            String correlation = query != null && query.startsWith("correlationId=")
                    ? URLDecoder.decode(query.substring("correlationId=".length()), StandardCharsets.UTF_8) : null;
            ArrayNode events = null;
            if (rest.equals("/operations/events") && correlation != null) {
                if (service.equals("refund-service") && correlation.equals(Canned.REFUND_DOWN_CORRELATION.toString())) {
                    send(exchange, 500, problem(500, "internal"));
                    return;
                }
                events = byCorrelation(service, correlation);
            } else if (rest.startsWith("/operations/streams/") && rest.endsWith("/events")) {
                String stream = URLDecoder.decode(rest.substring("/operations/streams/".length(),
                        rest.length() - "/events".length()), StandardCharsets.UTF_8);
                events = stream(service, stream);
            }
            if (events == null) {
                send(exchange, 404, problem(404, "stream-not-found"));
            } else {
                send(exchange, 200, JSON.writeValueAsString(events));
            }
        }
    }

    private static ArrayNode stream(String service, String stream) {
        ArrayNode events = JSON.createArrayNode();
        if (service.equals("complaint-service") && stream.equals(Canned.STORY.toString())) {
            events.add(filed());
            events.add(acknowledged());
            events.add(resolved());
        } else if (service.equals("complaint-service") && stream.equals(Canned.REFUND_DOWN.toString())) {
            events.add(otherFiled());
        } else if (service.equals("refund-service") && stream.equals(Canned.ORDER)) {
            events.add(purchase());
        } else if (service.equals("refund-service") && stream.equals(Canned.REFUND_CASE.toString())) {
            events.add(refundRequested());
            events.add(entitlement());
        } else {
            return null;
        }
        return events;
    }

    private static ArrayNode byCorrelation(String service, String correlation) {
        ArrayNode events = JSON.createArrayNode();
        if (correlation.equals(Canned.STORY_CORRELATION.toString())) {
            switch (service) {
                case "complaint-service" -> {
                    events.add(filed());
                    events.add(acknowledged());
                    events.add(resolved());
                }
                case "refund-service" -> {
                    events.add(refundRequested());
                    events.add(entitlement());
                }
                case "followup-service" -> {
                    events.add(followUpScheduled());
                    events.add(followUpAssigned());
                }
                default -> {
                }
            }
        } else if (correlation.equals(Canned.REFUND_DOWN_CORRELATION.toString()) && service.equals("complaint-service")) {
            events.add(otherFiled());
        }
        return events;
    }

    // ---- the canned events -------------------------------------------------------------------------------------------

    private static ObjectNode filed() {
        ObjectNode data = JSON.createObjectNode().put("complaintId", Canned.STORY.toString())
                .put("caseNumber", Canned.CASE_NUMBER).put("branchId", "SH001").put("category", "TREATMENT_RESULT")
                .put("summary", Canned.HTML);
        return event(Canned.FILED, "complaint.filed.v1", Canned.STORY.toString(), 1, 101, "2026-03-02T00:58:00Z",
                "2026-03-02T01:00:00Z", "li.na", Canned.STORY_CORRELATION, null, data);
    }

    private static ObjectNode acknowledged() {
        return event(Canned.ACKNOWLEDGED, "complaint.acknowledged.v1", Canned.STORY.toString(), 2, 102,
                "2026-03-02T01:30:00Z", "2026-03-02T01:30:00Z", "li.na", Canned.STORY_CORRELATION, Canned.FILED,
                JSON.createObjectNode().put("complaintId", Canned.STORY.toString()));
    }

    private static ObjectNode resolved() {
        return event(Canned.RESOLVED, "complaint.resolved.v1", Canned.STORY.toString(), 3, 105, "2026-03-02T03:00:00Z",
                "2026-03-02T03:00:00Z", "li.na", Canned.STORY_CORRELATION, Canned.ACKNOWLEDGED,
                JSON.createObjectNode().put("complaintId", Canned.STORY.toString()).put("remedy", "REFUND"));
    }

    private static ObjectNode refundRequested() {
        return event(Canned.REFUND_REQUESTED, "refund.requested.v1", Canned.REFUND_CASE.toString(), 1, 2001,
                "2026-03-02T02:00:00Z", "2026-03-02T02:00:00Z", "li.na", Canned.STORY_CORRELATION, Canned.ACKNOWLEDGED,
                JSON.createObjectNode().put("complaintId", Canned.STORY.toString()));
    }

    private static ObjectNode entitlement() {
        ObjectNode data = JSON.createObjectNode().put("refundId", Canned.REFUND_CASE.toString());
        data.putArray("orders").add(Canned.ORDER);
        return event(Canned.ENTITLEMENT, "refund.entitlement-calculated.v1", Canned.REFUND_CASE.toString(), 2, 2002,
                "2026-03-02T02:10:00Z", "2026-03-02T02:10:00Z", "system", Canned.STORY_CORRELATION,
                Canned.REFUND_REQUESTED, data);
    }

    private static ObjectNode purchase() {
        return event(Canned.PURCHASE, "purchase.recorded.v1", Canned.ORDER, 1, 1500, "2026-03-01T08:00:00Z",
                "2026-03-01T08:00:00Z", "pos-import", Canned.PURCHASE_CORRELATION, null,
                JSON.createObjectNode().put("orderId", Canned.ORDER).put("minorUnits", 620000).put("currency", "CNY"));
    }

    /** Caused by the resolution (recorded 03:00:00) but recorded at 02:59:58: this service's clock is 2 s behind. */
    private static ObjectNode followUpScheduled() {
        return event(Canned.FOLLOW_UP_SCHEDULED, "followup.scheduled.v1", Canned.FOLLOW_UP.toString(), 1, 3001,
                "2026-03-02T02:59:58Z", "2026-03-02T02:59:58Z", "system", Canned.STORY_CORRELATION, Canned.RESOLVED,
                JSON.createObjectNode().put("complaintId", Canned.STORY.toString()).put("kind", "RESOLUTION_CALLBACK"));
    }

    /** The task's next event, recorded 1 s before the resolution by the same skewed clock, caused by no event. */
    private static ObjectNode followUpAssigned() {
        return event(Canned.FOLLOW_UP_ASSIGNED, "followup.assigned.v1", Canned.FOLLOW_UP.toString(), 2, 3002,
                "2026-03-02T02:59:59Z", "2026-03-02T02:59:59Z", "zhou.min", Canned.STORY_CORRELATION, null,
                JSON.createObjectNode().put("followUpId", Canned.FOLLOW_UP.toString()).put("assignee", "zhou.min"));
    }

    private static ObjectNode otherFiled() {
        ObjectNode data = JSON.createObjectNode().put("complaintId", Canned.REFUND_DOWN.toString())
                .put("caseNumber", "SH002-2026-0007").put("branchId", "SH002");
        return event(Canned.OTHER_FILED, "complaint.filed.v1", Canned.REFUND_DOWN.toString(), 1, 201,
                "2026-03-03T01:00:00Z", "2026-03-03T01:00:00Z", "wang.wei", Canned.REFUND_DOWN_CORRELATION, null, data);
    }

    private static ObjectNode event(UUID id, String type, String stream, int version, long position, String occurredAt,
                                    String recordedAt, String actor, UUID correlation, UUID causation, ObjectNode data) {
        ObjectNode e = JSON.createObjectNode().put("eventId", id.toString()).put("type", type).put("streamId", stream)
                .put("version", version).put("globalPosition", position).put("occurredAt", occurredAt)
                .put("recordedAt", recordedAt).put("branchId", data.path("branchId").asText("SH001"))
                .put("actor", actor).put("correlationId", correlation.toString());
        if (causation == null) {
            e.putNull("causationId");
        } else {
            e.put("causationId", causation.toString());
        }
        e.set("data", data);
        return e;
    }

    private static String problem(int status, String type) {
        return "{\"type\":\"urn:clinic:problem:" + type + "\",\"status\":" + status + "}";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private FakeServices() {
    }
}
