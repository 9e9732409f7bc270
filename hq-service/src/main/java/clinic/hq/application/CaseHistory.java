package clinic.hq.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One case's whole story for the operations team, read from the stores that own it (not from HQ's copy, which keeps
 * only what HQ measures): the complaint's events from complaint-service, then every event of the case's correlation in
 * each service (refund cases, follow-up tasks, windows, surveys: the streams the case caused keep its correlation),
 * and the purchases its refund's entitlement was calculated from. Each event comes with its actor, correlation and
 * causation, and the whole is put in order: by when each was recorded, and never an effect before its cause.
 *
 * <p>The caller's token is passed on: only someone each service lets read its events (operations) gets the story. A
 * service that cannot be reached is named in {@code unreachable} and the rest is still told.
 */
@ApplicationScoped
public class CaseHistory {

    public record Entry(String service, String streamId, String streamKind, int version, String type, UUID eventId,
                        long globalPosition, Instant occurredAt, Instant recordedAt, String branchId, String actor,
                        UUID correlationId, UUID causationId, JsonNode payload) {
    }

    public record Story(UUID complaintId, String caseNumber, String branchId, UUID correlationId, List<Entry> entries,
                        List<String> unreachable) {
    }

    /** The complaint has no events in complaint-service (or the caller may not read them: the same 404). */
    public static class CaseNotFound extends clinic.eventstore.api.NotFound {
        public CaseNotFound(UUID id) {
            super("complaint-not-found", "no complaint " + id);
        }
    }

    /** What a service answered that was neither the events nor a refusal of the caller. */
    public static class ServiceRefused extends RuntimeException {
        public final int status;

        ServiceRefused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private final ObjectMapper mapper;
    private final Map<String, String> services = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public CaseHistory(ObjectMapper mapper,
                       @ConfigProperty(name = "clinic.services.complaint-service") String complaintService,
                       @ConfigProperty(name = "clinic.services.refund-service") String refundService,
                       @ConfigProperty(name = "clinic.services.followup-service") String followupService) {
        this.mapper = mapper;
        services.put("complaint-service", complaintService);
        services.put("refund-service", refundService);
        services.put("followup-service", followupService);
    }

    public Story of(UUID complaintId, String authorization) {
        List<String> unreachable = new ArrayList<>();
        List<Entry> complaint;
        try {
            complaint = events("complaint-service", "/operations/streams/" + complaintId + "/events", authorization);
        } catch (ServiceRefused e) {
            if (e.status == 404) {
                throw new CaseNotFound(complaintId);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ServiceRefused(503, "complaint-service cannot be reached or answered what is not its events: "
                    + e.getClass().getSimpleName());
        }
        if (complaint.isEmpty() || !complaint.getFirst().type().startsWith("complaint.")) {
            throw new CaseNotFound(complaintId);
        }
        UUID correlation = complaint.getFirst().correlationId();
        Map<UUID, Entry> byId = new LinkedHashMap<>();
        complaint.forEach(e -> byId.put(e.eventId(), e));
        for (String service : services.keySet()) {
            try {
                ofThisCase(complaintId, events(service, "/operations/events?correlationId=" + correlation, authorization))
                        .forEach(e -> byId.putIfAbsent(e.eventId(), e));
            } catch (IOException | RuntimeException e) { // refused, unreachable, or not its events
                unreachable.add(service);
            }
        }
        if (!unreachable.contains("refund-service")) {
            for (String purchase : purchasesOf(byId.values()).stream().limit(MAX_PURCHASES).toList()) {
                try {
                    events("refund-service", "/operations/streams/" + URLEncoder.encode(purchase, StandardCharsets.UTF_8)
                            + "/events", authorization).forEach(e -> byId.putIfAbsent(e.eventId(), e));
                } catch (IOException | ServiceRefused e) {
                    // a purchase the store does not have (another service's id): the case's story goes on without it
                }
            }
        }
        JsonNode filed = complaint.getFirst().payload();
        return new Story(complaintId, filed.path("caseNumber").asText(null), complaint.getFirst().branchId(),
                correlation, inOrder(byId.values()), unreachable);
    }

    /** At most this many of the orders a case's refund was calculated from are told (each is one request). */
    static final int MAX_PURCHASES = 50;

    /**
     * The events of streams that are this case's: a caller may have filed two complaints under one correlation id of
     * its own (X-Correlation-Id), so a stream whose events name another complaint is left out.
     */
    static List<Entry> ofThisCase(UUID complaintId, List<Entry> entries) {
        Map<String, String> owner = new HashMap<>();
        for (Entry e : entries) {
            String named = e.payload() == null ? null : e.payload().path("complaintId").asText(null);
            if (named != null) {
                owner.putIfAbsent(e.service() + "/" + e.streamId(), named);
            }
        }
        return entries.stream().filter(e -> {
            String named = owner.get(e.service() + "/" + e.streamId());
            return named == null || named.equals(complaintId.toString());
        }).toList();
    }

    /** The orders a refund's entitlement was calculated from. */
    private static Set<String> purchasesOf(Iterable<Entry> entries) {
        Set<String> ids = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.type().startsWith("refund.entitlement-calculated.")) {
                e.payload().path("orders").forEach(o -> ids.add(o.asText()));
            }
        }
        return ids;
    }

    /**
     * By the moment each was recorded (a stream's events are recorded in their order), then every effect moved after
     * its cause, should two services' clocks disagree by a little; an event moved so also keeps the events after it in
     * its stream behind it (each event waits for its cause and for the one before it in its stream).
     */
    static List<Entry> inOrder(java.util.Collection<Entry> entries) {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Entry::recordedAt).thenComparing(Entry::service).thenComparing(Entry::streamId)
                .thenComparingInt(Entry::version));
        Set<UUID> present = new java.util.HashSet<>();
        sorted.forEach(e -> present.add(e.eventId()));
        // the event before each one in its stream (of those told)
        List<Entry> byStream = new ArrayList<>(sorted);
        byStream.sort(Comparator.comparing(Entry::service).thenComparing(Entry::streamId).thenComparingInt(Entry::version));
        Map<UUID, UUID> previous = new HashMap<>();
        for (int i = 1; i < byStream.size(); i++) {
            Entry before = byStream.get(i - 1);
            Entry e = byStream.get(i);
            if (before.service().equals(e.service()) && before.streamId().equals(e.streamId())) {
                previous.put(e.eventId(), before.eventId());
            }
        }
        List<Entry> ordered = new ArrayList<>(sorted.size());
        Set<UUID> placed = new java.util.HashSet<>();
        Map<UUID, List<Entry>> waiting = new HashMap<>(); // an event not placed yet -> the events waiting for it
        Map<UUID, Integer> pending = new HashMap<>(); // an event waiting -> how many it still waits for
        for (Entry e : sorted) {
            Set<UUID> awaited = new LinkedHashSet<>();
            if (e.causationId() != null && present.contains(e.causationId()) && !e.causationId().equals(e.eventId())) {
                awaited.add(e.causationId());
            }
            if (previous.containsKey(e.eventId())) {
                awaited.add(previous.get(e.eventId()));
            }
            awaited.removeIf(placed::contains);
            if (awaited.isEmpty()) {
                place(e, ordered, placed, waiting, pending);
            } else {
                pending.put(e.eventId(), awaited.size());
                awaited.forEach(id -> waiting.computeIfAbsent(id, k -> new ArrayList<>()).add(e));
            }
        }
        // a cycle cannot happen; should one, nothing is lost: the rest as recorded
        sorted.stream().filter(e -> !placed.contains(e.eventId())).forEach(ordered::add);
        return ordered;
    }

    private static void place(Entry first, List<Entry> ordered, Set<UUID> placed, Map<UUID, List<Entry>> waiting,
                              Map<UUID, Integer> pending) {
        java.util.Deque<Entry> ready = new java.util.ArrayDeque<>();
        ready.add(first);
        while (!ready.isEmpty()) {
            Entry e = ready.poll();
            ordered.add(e);
            placed.add(e.eventId());
            for (Entry next : waiting.getOrDefault(e.eventId(), List.of())) {
                if (pending.merge(next.eventId(), -1, Integer::sum) == 0) {
                    pending.remove(next.eventId());
                    ready.add(next);
                }
            }
            waiting.remove(e.eventId());
        }
    }

    private List<Entry> events(String service, String path, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(services.get(service) + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        String traceparent = clinic.eventstore.observe.Tracing.traceparent();
        if (traceparent != null) {
            request.header(clinic.eventstore.observe.Tracing.TRACEPARENT, traceparent);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new ServiceRefused(response.statusCode(), service + " answered " + response.statusCode());
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode e : mapper.readTree(response.body())) {
            String type = e.path("type").asText();
            entries.add(new Entry(service, e.path("streamId").asText(), kindOf(type), e.path("version").asInt(), type,
                    uuid(e.path("eventId")), e.path("globalPosition").asLong(), Instant.parse(e.path("occurredAt").asText()),
                    Instant.parse(e.path("recordedAt").asText()), e.path("branchId").asText(null),
                    e.path("actor").asText(null), uuid(e.path("correlationId")), uuid(e.path("causationId")),
                    e.path("data")));
        }
        return entries;
    }

    /** What kind of stream an event belongs to, from its type. */
    static String kindOf(String type) {
        if (type.startsWith("followup.survey-")) {
            return "survey";
        }
        if (type.startsWith("followup.window-")) {
            return "window";
        }
        if (type.startsWith("followup.customer-dissatisfied")) {
            return "follow-up";
        }
        int dot = type.indexOf('.');
        String prefix = dot < 0 ? type : type.substring(0, dot);
        return switch (prefix) {
            case "followup" -> "task";
            case "customer" -> "erasure";
            default -> prefix; // complaint, refund, purchase
        };
    }

    private static UUID uuid(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : UUID.fromString(node.asText());
    }
}
