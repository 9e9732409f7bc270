package clinic.complaint.api;

import clinic.complaint.application.ComplaintService;
import clinic.complaint.application.ComplaintService.CaseView;
import clinic.complaint.application.ComplaintService.Caller;
import clinic.complaint.application.ComplaintService.Filing;
import clinic.complaint.domain.Category;
import clinic.complaint.domain.Channel;
import clinic.complaint.domain.ComplaintCommand;
import clinic.complaint.domain.ComplaintStatus;
import clinic.complaint.domain.Severity;
import clinic.complaint.domain.sla.SlaState;
import clinic.complaint.projection.ComplaintListRow;
import clinic.eventstore.api.CommandHeaders;
import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.api.ListFilter;
import clinic.eventstore.api.Paging;
import io.quarkus.panache.common.Sort;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
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
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Complaint cases over HTTP. Translates requests into the service's commands and its answers into JSON. */
@Path("/complaints")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Complaints", description = ComplaintResource.TAG)
@RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER}) // filing and every step: staff of the case's branch
public class ComplaintResource {

    static final String TAG = "Complaint cases: filing, every step of the lifecycle, the list, a case now or as it "
            + "was, its history and its evidence files";

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ComplaintService complaints;
    private final ObjectMapper mapper;
    private final CurrentUser user;
    private final CaseResponses responses;
    @Context
    ResourceInfo operation;

    public ComplaintResource(ComplaintService complaints, ObjectMapper mapper, CurrentUser user, CaseResponses responses) {
        this.complaints = complaints;
        this.mapper = mapper;
        this.user = user;
        this.responses = responses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "fileComplaint",
            summary = "File a complaint", description = "Answers 201 with the new case. With an Idempotency-Key, "
            + "a retried request answers with the case the first one created.")
    @APIResponse(responseCode = "201", description = "The new case (retried with its Idempotency-Key: the case the "
            + "first request created, with Idempotent-Replayed: true)",
            content = @Content(schema = @Schema(implementation = ComplaintResponse.class)))
    @APIResponse(responseCode = "422", ref = "UnprocessableContent") // customer erased, Idempotency-Key reused
    @Parameter(name = CommandHeaders.IF_MATCH, in = ParameterIn.HEADER, hidden = true) // only steps read it
    public Response file(@NotNull(message = "a JSON body is required") @Valid FileComplaintRequest body,
                         @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 8, max = 128) String idempotencyKey,
                         @BeanParam @Valid CommandHeaders headers) {
        Filing filing = new Filing(body.branchId(), body.customer().ref(), body.customer().name(),
                body.customer().phone(), body.customer().idNumber(), body.channel(), body.category(), body.description(),
                body.requestedRemedy(), body.amountPaid().toMoney("amountPaid"));
        CaseView view = complaints.file(filing, idempotencyKey, caller(headers, user));
        return Response.created(URI.create("/complaints/" + view.complaint().id()))
                .tag(etag(view))
                .header("Idempotent-Replayed", view.replayed() ? "true" : null)
                .entity(view.replayed() ? present(view) : ComplaintResponse.of(view)) // a new case: what the caller sent
                .build();
    }

    @POST
    @Path("/{id}/acknowledge")
    @Operation(operationId = "acknowledgeComplaint",
            summary = "Acknowledge receipt to the customer (the caller acknowledges)")
    public Response acknowledge(@PathParam("id") UUID id, @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.AcknowledgeComplaint(by, ctx.now(), ctx.sla()));
    }

    @POST
    @Path("/{id}/assess")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "assessComplaint",
            summary = "Initial assessment: category, severity, after-sales scope (from the warranty windows) and owner")
    public Response assess(@PathParam("id") UUID id, @NotNull @Valid StepRequests.Assess body,
                           @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.AssessComplaint(body.category(),
                body.severity(), body.subject(), body.serviceDate(), ctx.today(), ctx.warranty(), body.owner(), by,
                ctx.now()));
    }

    @POST
    @Path("/{id}/close-out-of-scope")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "closeComplaintOutOfScope",
            summary = "Close a case assessed as out of after-sales scope, with the explanation given to the customer")
    public Response closeOutOfScope(@PathParam("id") UUID id, @NotNull @Valid StepRequests.CloseOutOfScope body,
                                    @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.CloseOutOfScope(body.explanation(), by, ctx.now()));
    }

    @POST
    @Path("/{id}/start-investigation")
    @Operation(operationId = "startComplaintInvestigation",
            summary = "Start investigating an in-scope case (the caller investigates)")
    public Response startInvestigation(@PathParam("id") UUID id, @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.StartInvestigation(by, ctx.now()));
    }

    @POST
    @Path("/{id}/wait")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startComplaintWait",
            summary = "The investigation waits on the customer, on evidence or on the assessor (pauses the clock)")
    public Response startWait(@PathParam("id") UUID id, @NotNull @Valid StepRequests.Wait body,
                              @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.StartWait(body.reason(), body.note(), by, ctx.now()));
    }

    @POST
    @Path("/{id}/resume")
    @Operation(operationId = "resumeComplaint", summary = "The wait is over: the investigation (and its clock) goes on")
    public Response endWait(@PathParam("id") UUID id, @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.EndWait(by, ctx.now()));
    }

    @POST
    @Path("/{id}/add-evidence")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addComplaintEvidence",
            summary = "Record a piece of evidence: its type, who supplied it, and the SHA-256 of its content")
    public Response addEvidence(@PathParam("id") UUID id, @NotNull @Valid StepRequests.AddEvidence body,
                                @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.AddEvidence(UUID.randomUUID(), body.type(),
                body.suppliedBy(), body.sha256(), body.sizeBytes(), by, ctx.now()));
    }

    @POST
    @Path("/{id}/request-assessment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestComplaintAssessment",
            summary = "Ask a third-party professional assessor; the case waits on the assessor")
    public Response requestAssessment(@PathParam("id") UUID id, @NotNull @Valid StepRequests.RequestAssessment body,
                                      @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.RequestAssessment(body.assessor(), by, ctx.now()));
    }

    @POST
    @Path("/{id}/record-assessment")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordComplaintAssessment",
            summary = "Record the assessor's result: clinic at fault, not at fault, or inconclusive")
    public Response recordAssessment(@PathParam("id") UUID id, @NotNull @Valid StepRequests.RecordAssessment body,
                                     @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.RecordAssessment(body.result(), body.summary(),
                by, ctx.now()));
    }

    @POST
    @Path("/{id}/propose-remedy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "proposeComplaintRemedy",
            summary = "The clinic proposes a remedy (an amount for refunds and compensation)")
    public Response proposeRemedy(@PathParam("id") UUID id, @NotNull @Valid StepRequests.ProposeRemedy body,
                                  @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.ProposeRemedy(body.remedy(), body.money(),
                body.note(), by, ctx.now()));
    }

    @POST
    @Path("/{id}/counter-offer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "makeComplaintCounterOffer",
            summary = "A negotiation round: the customer's or the clinic's counter-offer, with the reason")
    public Response counterOffer(@PathParam("id") UUID id, @NotNull @Valid StepRequests.CounterOffer body,
                                 @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.CounterOffer(body.party(), body.remedy(),
                body.money(), body.reason(), by, ctx.now()));
    }

    @POST
    @Path("/{id}/agree")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "agreeComplaint",
            summary = "The written agreement: remedy, amount, payment method, due date")
    public Response agree(@PathParam("id") UUID id, @NotNull @Valid StepRequests.Agree body,
                          @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.Agree(body.remedy(), body.money(),
                body.paymentMethod(), body.dueDate(), ctx.today(), by, ctx.now()));
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "resolveComplaint", summary = "The decision, as communicated to the customer")
    public Response resolve(@PathParam("id") UUID id, @NotNull @Valid StepRequests.Resolve body,
                            @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.Resolve(body.decision(), by, ctx.now(), ctx.sla()));
    }

    @POST
    @Path("/{id}/close")
    @Operation(operationId = "closeComplaint", summary = "Close a resolved case")
    public Response close(@PathParam("id") UUID id, @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.Close(by, ctx.now()));
    }

    @POST
    @Path("/{id}/reopen")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reopenComplaint",
            summary = "Reopen a resolved or closed case: the customer is still dissatisfied")
    public Response reopen(@PathParam("id") UUID id, @NotNull @Valid StepRequests.Reason body,
                           @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.Reopen(body.reason(), by, ctx.now()));
    }

    @POST
    @Path("/{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "withdrawComplaint",
            summary = "The customer withdraws the complaint (any time before closing)")
    public Response withdraw(@PathParam("id") UUID id, @NotNull @Valid StepRequests.Reason body,
                             @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.Withdraw(body.reason(), by, ctx.now()));
    }

    @POST
    @Path("/{id}/escalate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "escalateComplaint",
            summary = "The case was taken outside: consumer association, 12315, 12315 online dispute, health "
            + "supervision, mediation, court, media",
            description = "Without a deadline, the body's public norm sets the deadlines where it has one (12315 "
            + "complaint: acceptance decided in 7 and mediation ended in 45 working days; 12315 online dispute: "
            + "10 working days to settle; people's mediation of a medical dispute: 30 working days, time waiting on "
            + "the assessor left out), in the branch's calendar from the escalation date; a typed deadline wins over "
            + "the norm. The response shows each deadline, its source and whether it is at risk or missed.")
    public Response escalate(@PathParam("id") UUID id, @NotNull @Valid StepRequests.Escalate body,
                             @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.Escalate(UUID.randomUUID(), body.body(),
                body.referenceNumber(), body.deadline(), by, ctx.now()));
    }

    @POST
    @Path("/{id}/record-escalation-outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordComplaintEscalationOutcome", summary = "The outcome of one external escalation")
    public Response recordEscalationOutcome(@PathParam("id") UUID id, @NotNull @Valid StepRequests.EscalationOutcome body,
                                            @BeanParam @Valid CommandHeaders headers) {
        return step(id, headers, (by, ctx) -> new ComplaintCommand.RecordEscalationOutcome(body.escalationId(),
                body.outcome(), by, ctx.now()));
    }

    @GET
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "listComplaints",
            summary = "Cases, newest first, filtered by branch, status, category, channel, severity, owner, SLA state, "
            + "escalation and filing date")
    public ComplaintPage list(@QueryParam("branch") String branch, @QueryParam("status") String status,
                              @QueryParam("category") String category, @QueryParam("channel") String channel,
                              @QueryParam("severity") String severity, @QueryParam("owner") String owner,
                              @QueryParam("slaState") String slaState,
                              @Parameter(description = "EXTERNAL: cases with at least one external escalation (open "
                                      + "or with its outcome); HQ: cases sent to HQ; ANY: either",
                                      schema = @Schema(type = SchemaType.STRING, enumeration = {"EXTERNAL", "HQ", "ANY"}))
                              @QueryParam("escalated") String escalated,
                              @QueryParam("filedFrom") String filedFrom, @QueryParam("filedTo") String filedTo,
                              @BeanParam Paging paging) {
        Escalated escalatedTo = InvalidField.enumValue("escalated", Escalated.class, escalated);
        ListFilter filter = new ListFilter()
                .oneOf("branchId", user.listScope(branch))
                .equal("status", name(InvalidField.enumValue("status", ComplaintStatus.class, status)))
                .equal("category", name(InvalidField.enumValue("category", Category.class, category)))
                .equal("channel", name(InvalidField.enumValue("channel", Channel.class, channel)))
                .equal("severity", name(InvalidField.enumValue("severity", Severity.class, severity)))
                .equal("owner", owner)
                .equal("slaState", name(InvalidField.enumValue("slaState", SlaState.class, slaState)))
                .atLeast("filedAt", ListFilter.instant("filedFrom", filedFrom))
                .below("filedAt", ListFilter.instant("filedTo", filedTo));
        String where = escalatedTo == null ? filter.where() : filter.where() + " and " + escalatedTo.condition;
        var query = ComplaintListRow.<ComplaintListRow>find(where, Sort.descending("filedAt").and("id"),
                filter.params());
        List<ComplaintSummary> items = query.page(paging.index(), paging.size()).list().stream()
                .map(ComplaintSummary::of).toList();
        return new ComplaintPage(items, paging.index(), paging.size(), query.count());
    }

    @POST
    @Path("/read-model/rebuild")
    @RolesAllowed(Roles.OPERATIONS)
    @Operation(operationId = "rebuildComplaintList",
            summary = "Operations: rebuild the case list from the event store (after a fix to the projection)")
    public clinic.eventstore.projection.RebuildProgress rebuildList(
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "from the first stream, even when an earlier rebuild stopped half way (it goes on from there otherwise)") @jakarta.ws.rs.QueryParam("restart") boolean restart) {
        return complaints.rebuildList(restart);
    }

    /** The {@code escalated} filter of the list: where the case went, as a condition on the list row (never input). */
    enum Escalated {
        EXTERNAL("escalatedExternally = true"),
        HQ("escalatedToHq = true"),
        ANY("(escalatedExternally = true or escalatedToHq = true)");

        final String condition;

        Escalated(String condition) {
            this.condition = condition;
        }
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** Runs one step: the actor, correlation and If-Match of the request, the command the step makes. */
    private Response step(UUID id, CommandHeaders headers,
                          java.util.function.BiFunction<String, ComplaintService.StepContext, ComplaintCommand> command) {
        Caller caller = caller(headers, user);
        CaseView view = complaints.step(id, headers.expectedVersion(), caller, ctx -> command.apply(caller.actor(), ctx));
        return Response.ok(present(view)).tag(etag(view)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "getComplaint",
            summary = "A case now, or as it was at a past moment (asOf) or after a given event (version)")
    public Response get(@PathParam("id") UUID id,
                        @QueryParam("asOf") String asOf,
                        @QueryParam("version") @Pattern(regexp = "[1-9][0-9]{0,8}") String version) {
        CaseView view;
        Instant at = ListFilter.instant("asOf", asOf);
        if (at != null) {
            view = complaints.getAsOf(id, at);
        } else if (version != null) {
            view = complaints.getAtVersion(id, Long.parseLong(version));
        } else {
            view = complaints.get(id);
        }
        user.requireRead(view.complaint().branchId());
        return Response.ok(present(view)).tag(etag(view)).build();
    }

    @GET
    @Path("/{id}/events")
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "listComplaintEvents",
            summary = "The case's stored history: every event with its metadata, oldest first")
    public List<clinic.eventstore.api.EventResponse> events(@PathParam("id") UUID id) {
        List<clinic.eventstore.StoredEvent> history = complaints.history(id);
        user.requireRead(history.getFirst().branchId()); // personal data is never in an event's payload
        return history.stream().map(e -> clinic.eventstore.api.EventResponse.of(e, mapper)).toList();
    }

    /** The case as the caller may see it ({@link CaseResponses}). */
    private ComplaintResponse present(CaseView view) {
        return responses.show(view, operation);
    }

    /** The request's caller: the token's subject acts, on the branches the token covers. */
    static Caller caller(CommandHeaders headers, CurrentUser user) {
        return new Caller(user.actor(), headers.correlation(), user);
    }

    private static EntityTag etag(CaseView view) {
        return new EntityTag(String.valueOf(view.version()));
    }
}
