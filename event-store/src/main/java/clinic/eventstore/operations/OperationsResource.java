package clinic.eventstore.operations;

import clinic.eventstore.EventStore;
import clinic.eventstore.api.EventResponse;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.projection.ProjectionRunner;
import clinic.eventstore.projection.RebuildProgress;
import clinic.eventstore.relay.OutboxRelay;
import clinic.eventstore.relay.RelayBacklog;
import clinic.eventstore.security.Roles;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the operations team runs against every service (the {@code clinic-ops} command-line tool drives it): rebuilding
 * read models with their progress as it goes, publishing events again, the relay's backlog, and the store's events by
 * correlation (a case's story) or by stream. Events carry no personal data; what an event keeps that is a key to
 * something (the customer's survey link, {@code event-store.operations.withheld-fields}) is withheld from these reads.
 */
@Path("/operations")
@RolesAllowed(Roles.OPERATIONS)
public class OperationsResource {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(OperationsResource.class);

    /** At most this many events answer one read by correlation: a case's story, not a dump of the store. */
    static final int MAX_EVENTS = 10_000;

    public record ReadModelStatus(String name, RebuildLine latest) {
    }

    /** A rebuild's progress; {@code timeLeft} an ISO-8601 duration ({@code PT12.5S}), null when not known. */
    public record RebuildLine(String readModel, long streamsDone, long streamsTotal, long eventsDone, long eventsTotal,
                              double eventsPerSecond, String timeLeft, Instant startedAt, Instant finishedAt) {
        static RebuildLine of(RebuildProgress p) {
            return new RebuildLine(p.readModel(), p.streamsDone(), p.streamsTotal(), p.eventsDone(), p.eventsTotal(),
                    p.eventsPerSecond(), p.timeLeft() == null ? null : p.timeLeft().toString(), p.startedAt(),
                    p.finishedAt());
        }
    }

    public record RelayStatus(String topic, boolean enabled, boolean leader, long backlogEvents,
                              double oldestUnpublishedAgeSeconds, long publishedSinceStart, String stuckEventId,
                              String stuckError) {
    }

    /** Either {@code streamId}, or {@code fromPosition} and {@code toPosition} (store positions, inclusive). */
    public record RedriveRequest(@Size(min = 1, max = 200) String streamId,
                                 @Min(1) @Max(Long.MAX_VALUE / 2) Long fromPosition,
                                 @Min(1) @Max(Long.MAX_VALUE / 2) Long toPosition) {
    }

    private final ProjectionRunner projections;
    private final Redrive redrive;
    private final OutboxRelay relay;
    private final RelayBacklog backlog;
    private final EventStore store;
    private final ObjectMapper mapper;
    private final java.util.Set<String> withheld;

    public OperationsResource(ProjectionRunner projections, Redrive redrive, OutboxRelay relay, RelayBacklog backlog,
                              EventStore store, ObjectMapper mapper,
                              @org.eclipse.microprofile.config.inject.ConfigProperty(
                                      name = "event-store.operations.withheld-fields", defaultValue = "token")
                              java.util.Set<String> withheld) {
        this.withheld = withheld;
        this.projections = projections;
        this.redrive = redrive;
        this.relay = relay;
        this.backlog = backlog;
        this.store = store;
        this.mapper = mapper;
    }

    @GET
    @Path("/read-models")
    @Operation(operationId = "listReadModels", summary = "Operations: the read models this service can rebuild, with their latest rebuild")
    public List<ReadModelStatus> readModels() {
        return projections.names().stream()
                .map(name -> new ReadModelStatus(name, projections.progress(name).map(RebuildLine::of).orElse(null)))
                .toList();
    }

    @POST
    @Path("/read-models/{name}/rebuild")
    @Produces("application/x-ndjson")
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rebuildReadModel", summary = "Operations: rebuild a read model from the event store, "
            + "answering its progress as it goes (one JSON line per batch, the last one finished)")
    public Multi<RebuildLine> rebuild(@PathParam("name") String name,
                                      @Parameter(description = "from the first stream, even when an earlier rebuild "
                                              + "stopped half way (it goes on from there otherwise)")
                                      @QueryParam("restart") boolean restart) {
        if (!projections.names().contains(name)) {
            throw new ProjectionRunner.UnknownReadModel(name, projections.names());
        }
        // the rebuild runs on a worker thread, batch by batch in short transactions; each batch's progress is a line.
        // A client that goes away does not stop it; a rebuild that stops (a restart) goes on from its last batch.
        return Multi.createFrom().emitter(emitter -> Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                projections.rebuild(name, restart, progress -> emitter.emit(RebuildLine.of(progress)));
                emitter.complete();
            } catch (Throwable e) {
                // the client may have gone: the log is where an operator finds why a rebuild stopped
                LOG.errorf("rebuild of %s stopped: %s (run it again: it goes on from its last batch)", name,
                        e.getClass().getSimpleName());
                emitter.fail(e);
            }
        }));
    }

    @GET
    @Path("/relay")
    @Operation(operationId = "getRelayStatus", summary = "Operations: the relay's backlog (events not yet published, "
            + "how long the oldest has waited) and whether this instance relays")
    public RelayStatus relay() {
        var stuck = relay.stuck();
        boolean enabled = relay.config().enabled();
        RelayBacklog.Backlog b = enabled ? backlog.now() : new RelayBacklog.Backlog(0, 0);
        return new RelayStatus(relay.config().topic(), enabled, relay.isLeader(), b.events(), b.oldestAgeSeconds(),
                relay.publishedCount(), stuck == null ? null : stuck.eventId().toString(),
                stuck == null ? null : stuck.error());
    }

    @POST
    @Path("/redrive")
    @Operation(operationId = "redriveEvents", summary = "Operations: publish again a stream's events, or a range of "
            + "store positions, that the relay published before (consumers' inboxes make a second delivery harmless)")
    public Redrive.Result redrive(@NotNull(message = "a JSON body is required") @Valid RedriveRequest body) {
        if (body.streamId() != null) {
            if (body.fromPosition() != null || body.toPosition() != null) {
                throw new InvalidField("streamId", "give a streamId or a range of positions, not both");
            }
            return redrive.stream(body.streamId());
        }
        if (body.fromPosition() == null) {
            throw new InvalidField("fromPosition", "give a streamId, or fromPosition and toPosition");
        }
        if (body.toPosition() == null) {
            throw new InvalidField("toPosition", "give toPosition with fromPosition");
        }
        return redrive.range(body.fromPosition(), body.toPosition());
    }

    @GET
    @Path("/events")
    @Operation(operationId = "listEventsByCorrelation", summary = "Operations: this service's events of one "
            + "correlation (a case keeps one from its first event), in the order they were stored")
    public List<EventResponse> byCorrelation(@QueryParam("correlationId") String correlationId) {
        if (correlationId == null) {
            throw new InvalidField("correlationId", "is required");
        }
        UUID id = InvalidField.uuid("correlationId", correlationId);
        return store.loadCorrelated(id, MAX_EVENTS).stream().map(this::shown).toList();
    }

    /** The event as operations see it: whole, but for the fields that are keys to something (withheld). */
    private EventResponse shown(clinic.eventstore.StoredEvent e) {
        EventResponse r = EventResponse.of(e, mapper);
        if (!(r.data() instanceof com.fasterxml.jackson.databind.node.ObjectNode data)
                || withheld.stream().noneMatch(data::has)) {
            return r;
        }
        var copy = data.deepCopy();
        withheld.stream().filter(copy::has).forEach(field -> copy.put(field, "(withheld)"));
        return new EventResponse(r.eventId(), r.type(), r.streamId(), r.version(), r.globalPosition(), r.occurredAt(),
                r.recordedAt(), r.branchId(), r.actor(), r.correlationId(), r.causationId(), copy);
    }

    @GET
    @Path("/streams/{streamId}/events")
    @Operation(operationId = "listStreamEvents", summary = "Operations: one stream's events, oldest first")
    public List<EventResponse> stream(@PathParam("streamId") @Size(max = 200) String streamId) {
        var events = store.load(streamId);
        if (events.isEmpty()) {
            throw new Redrive.UnknownStream(streamId);
        }
        return events.stream().map(this::shown).toList();
    }
}
