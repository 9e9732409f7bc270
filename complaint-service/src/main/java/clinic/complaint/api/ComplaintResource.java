package clinic.complaint.api;

import clinic.complaint.application.ComplaintService;
import clinic.complaint.application.ComplaintService.CaseView;
import clinic.complaint.application.ComplaintService.Caller;
import clinic.complaint.application.ComplaintService.Filing;
import clinic.eventstore.api.InvalidField;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Complaint cases over HTTP. Translates requests into the service's commands and its answers into JSON. */
@Path("/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Complaints")
public class ComplaintResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String ACTOR = "X-Actor";
    static final String CORRELATION_ID = "X-Correlation-Id";

    private final ComplaintService complaints;
    private final ObjectMapper mapper;

    public ComplaintResource(ComplaintService complaints, ObjectMapper mapper) {
        this.complaints = complaints;
        this.mapper = mapper;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "File a complaint", description = "Answers 201 with the new case. With an Idempotency-Key, "
            + "a retried request answers with the case the first one created.")
    public Response file(@NotNull(message = "a JSON body is required") @Valid FileComplaintRequest body,
                         @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 8, max = 128) String idempotencyKey,
                         @HeaderParam(ACTOR) @Size(max = 100) String actor,
                         @HeaderParam(CORRELATION_ID) String correlationId) {
        Filing filing = new Filing(body.branchId(), body.customer().ref(), body.customer().name(),
                body.customer().phone(), body.channel(), body.category(), body.description(),
                body.requestedRemedy(), body.amountPaid().toMoney("amountPaid"));
        CaseView view = complaints.file(filing, idempotencyKey, caller(actor, correlationId));
        return Response.created(URI.create("/complaints/" + view.complaint().id()))
                .tag(etag(view))
                .header("Idempotent-Replayed", view.replayed() ? "true" : null)
                .entity(ComplaintResponse.of(view))
                .build();
    }

    @POST
    @Path("/{id}/acknowledge")
    @Operation(summary = "Acknowledge receipt of a complaint to the customer; X-Actor is who acknowledged")
    public Response acknowledge(@PathParam("id") UUID id,
                                @HeaderParam("If-Match") String ifMatch,
                                @HeaderParam(ACTOR) @Size(max = 100) String actor,
                                @HeaderParam(CORRELATION_ID) String correlationId) {
        Caller caller = caller(actor, correlationId);
        CaseView view = complaints.acknowledge(id, version(ifMatch), caller.actor(), caller);
        return Response.ok(ComplaintResponse.of(view)).tag(etag(view)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A case now, or as it was at a past moment (asOf) or after a given event (version)")
    public Response get(@PathParam("id") UUID id,
                        @QueryParam("asOf") String asOf,
                        @QueryParam("version") @Pattern(regexp = "[1-9][0-9]{0,8}") String version) {
        CaseView view;
        if (asOf != null) {
            view = complaints.getAsOf(id, instant("asOf", asOf));
        } else if (version != null) {
            view = complaints.getAtVersion(id, Long.parseLong(version));
        } else {
            view = complaints.get(id);
        }
        return Response.ok(ComplaintResponse.of(view)).tag(etag(view)).build();
    }

    @GET
    @Path("/{id}/events")
    @Operation(summary = "The case's stored history: every event with its metadata, oldest first")
    public List<EventResponse> events(@PathParam("id") UUID id) {
        return complaints.history(id).stream().map(e -> EventResponse.of(e, mapper)).toList();
    }

    private static Caller caller(String actor, String correlationId) {
        UUID correlation = correlationId == null ? UUID.randomUUID() : InvalidField.uuid(CORRELATION_ID, correlationId);
        return new Caller(actor == null || actor.isBlank() ? "api" : actor, correlation);
    }

    private static EntityTag etag(CaseView view) {
        return new EntityTag(String.valueOf(view.version()));
    }

    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(ifMatch.replace("W/", "").replace("\"", "").trim());
        } catch (NumberFormatException e) {
            throw new InvalidField("If-Match", "must be the case's version, e.g. \"3\"");
        }
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidField(field, "must be an ISO-8601 instant such as 2026-03-01T08:00:00Z");
        }
    }
}
