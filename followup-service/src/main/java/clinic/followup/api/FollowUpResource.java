package clinic.followup.api;

import clinic.eventstore.security.BranchGuard;
import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;
import clinic.eventstore.ConcurrencyConflict;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.StaleVersion;
import clinic.eventstore.api.CommandHeaders;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.api.BusinessTime;
import clinic.eventstore.api.ListFilter;
import clinic.eventstore.api.Paging;
import clinic.eventstore.api.Problem;
import clinic.eventstore.config.BranchCalendars;
import clinic.followup.application.ComplaintCases;
import clinic.followup.application.FollowUpScheduling;
import clinic.followup.application.FollowUpService.TaskView;
import clinic.followup.application.FollowUpService;
import clinic.followup.application.SurveyService;
import clinic.followup.config.FollowUpConfig;
import clinic.followup.domain.CallOutcome;
import clinic.followup.domain.FollowUpCommand;
import clinic.followup.domain.FollowUpKind;
import clinic.followup.domain.FollowUpRules;
import clinic.followup.domain.FollowUpStatus;
import clinic.followup.projection.FollowUpTaskRow;
import io.quarkus.panache.common.Sort;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Follow-up tasks over HTTP: a branch's work queue, handing tasks out, recording calls. */
@Path("/followups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Follow-ups", description = "Follow-up calls: a branch's work queue, handing tasks out, recording calls, "
        + "check-ins after corrective visits")
@RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER}) // working the queue: staff of the task's branch
public class FollowUpResource {

    public record NextRequest(@NotBlank @Size(max = 16) String branch, @NotBlank @Size(max = 100) String staff) {
    }

    public record AssignRequest(@NotBlank @Size(max = 100) String staff) {
    }

    /** A call: its outcome, how long it took (3 to 5 minutes is the aim), notes kept outside the events. */
    public record CallRequest(@NotNull CallOutcome outcome, @NotNull @Min(0) @Max(14_400) Integer durationSeconds,
                              @Size(max = 4000) String notes) {
    }

    public record CorrectiveVisitRequest(@NotNull UUID complaintId, @NotNull Instant visitedAt) {
    }

    /** One page of a queue. */
    public record FollowUpPage(List<FollowUpResponse> items, int page, int size, long total) {
    }

    private final FollowUpService tasks;
    private final FollowUpScheduling scheduling;
    private final ComplaintCases cases;
    private final FollowUpConfig config;
    private final BranchCalendars calendars;
    private final Clock clock;
    private final SurveyService surveys;
    private final CurrentUser user;

    public FollowUpResource(FollowUpService tasks, FollowUpScheduling scheduling, ComplaintCases cases,
                            FollowUpConfig config, BranchCalendars calendars, Clock clock, SurveyService surveys,
                            CurrentUser user) {
        this.user = user;
        this.calendars = calendars;
        this.surveys = surveys;
        this.tasks = tasks;
        this.scheduling = scheduling;
        this.cases = cases;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "listFollowUps",
            summary = "A branch's work queue (overdue first, then earliest due), or a complaint's follow-ups. "
            + "due: tasks due by then (an instant, or a date: by the end of that day in the branch's time zone)")
    public FollowUpPage list(@QueryParam("branch") String branch, @QueryParam("complaintId") String complaintId,
                             @QueryParam("due") String due, @QueryParam("status") String status,
                             @QueryParam("kind") String kind, @QueryParam("assignedTo") String assignedTo,
                             @BeanParam Paging paging) {
        if (branch == null && complaintId == null) {
            throw new InvalidField("branch", "give a branch (its work queue) or a complaintId");
        }
        Instant overdueBefore = overdueBefore();
        FollowUpStatus state = InvalidField.enumValue("status", FollowUpStatus.class, status);
        FollowUpKind k = InvalidField.enumValue("kind", FollowUpKind.class, kind);
        ListFilter filter = new ListFilter()
                .oneOf("branchId", user.listScope(branch))
                .equal("complaintId", complaintId == null ? null : InvalidField.uuid("complaintId", complaintId))
                .equal("status", state == null ? null : state.name())
                .equal("kind", k == null ? null : k.name())
                .equal("assignedTo", assignedTo)
                .atMost("dueAt", dueBy(due, branch));
        String where = filter.where();
        if (branch != null && complaintId == null && state == null) {
            where += " and status in ('SCHEDULED', 'DUE', 'ASSIGNED')"; // a queue holds open work
        }
        Map<String, Object> params = new java.util.HashMap<>(filter.params());
        params.put("overdueBefore", overdueBefore);
        var query = FollowUpTaskRow.<FollowUpTaskRow>find(where + " order by case when status in ('DUE', 'ASSIGNED') "
                + "and dueAt < :overdueBefore then 0 else 1 end, dueAt, id", params);
        return new FollowUpPage(query.page(paging.index(), paging.size()).list().stream()
                .map(r -> FollowUpResponse.of(r, overdueBefore)).toList(), paging.index(), paging.size(), query.count());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "getFollowUp", summary = "One follow-up task, with the steps it allows: now, or as it "
            + "was at a past moment (asOf) or after a given event (version)")
    public Response get(@PathParam("id") UUID id,
                        @QueryParam("asOf") String asOf,
                        @QueryParam("version") @Pattern(regexp = "[1-9][0-9]{0,8}") String version) {
        TaskView view;
        Instant at = ListFilter.instant("asOf", asOf);
        if (at != null) {
            view = tasks.getAsOf(id, at);
        } else if (version != null) {
            view = tasks.getAtVersion(id, Long.parseLong(version));
        } else {
            view = tasks.get(id);
        }
        user.requireRead(view.task().branchId());
        return ok(view);
    }

    @POST
    @Path("/next")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "assignNextFollowUp",
            summary = "Hand the next due task of a branch (overdue first) to a member of staff; 204 when none is "
            + "due. Two people asking at once never get the same task.")
    @APIResponse(responseCode = "200", description = "The task, now assigned to the member of staff",
            content = @Content(schema = @Schema(implementation = FollowUpResponse.class)))
    @APIResponse(responseCode = "204", description = "No task of the branch is due")
    @Parameter(name = CommandHeaders.IF_MATCH, in = ParameterIn.HEADER, hidden = true) // only steps read it
    public Response next(@NotNull @Valid NextRequest body, @BeanParam @Valid CommandHeaders h) {
        user.requireWorksFor(body.branch());
        List<FollowUpTaskRow> candidates = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                FollowUpTaskRow.<FollowUpTaskRow>find("branchId = ?1 and status = 'DUE'", Sort.by("dueAt").and("id"),
                        body.branch()).page(0, 20).list());
        for (FollowUpTaskRow candidate : candidates) {
            try {
                TaskView view = tasks.step(candidate.id, candidate.version, user, t -> new FollowUpCommand.Assign(body.staff(),
                        clock.instant()), t -> metadata(t.branchId(), h), clock.instant(), (t, em) -> { });
                return ok(view);
            } catch (StaleVersion | ConcurrencyConflict | StepNotAllowed | RuleBroken taken) {
                // someone else took it first: the next one
            }
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "assignFollowUp", summary = "Give a due task to a member of staff (or to another one)")
    public Response assign(@PathParam("id") UUID id, @NotNull @Valid AssignRequest body, @BeanParam @Valid CommandHeaders h) {
        Instant now = clock.instant();
        return ok(tasks.step(id, h.expectedVersion(), user, t -> new FollowUpCommand.Assign(body.staff(), now),
                t -> metadata(t.branchId(), h), now, (t, em) -> { }));
    }

    @POST
    @Path("/{id}/calls")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordFollowUpCall",
            summary = "Record a call: outcome, duration, notes. No answer tries again at the next working day's "
            + "opening, up to the policy's attempts; dissatisfied reopens the complaint")
    public Response call(@PathParam("id") UUID id, @NotNull @Valid CallRequest body, @BeanParam @Valid CommandHeaders h) {
        return ok(tasks.recordCall(id, h.expectedVersion(), body.outcome(), body.durationSeconds(), body.notes(),
                user.actor(), user, t -> metadata(t.branchId(), h), clock.instant()));
    }

    @POST
    @Path("/corrective-visits")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordCorrectiveVisit",
            summary = "A corrective-treatment visit took place: schedules the check-in call within 24 hours")
    @APIResponse(responseCode = "201", description = "The check-in call, scheduled",
            content = @Content(schema = @Schema(implementation = FollowUpResponse.class)))
    @APIResponse(responseCode = "409", description = "The customer asked not to be contacted: no check-in is scheduled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    @Parameter(name = CommandHeaders.IF_MATCH, in = ParameterIn.HEADER, hidden = true) // only steps read it
    public Response correctiveVisit(@NotNull @Valid CorrectiveVisitRequest body, @BeanParam @Valid CommandHeaders h) {
        ComplaintCases.Case c = cases.get(body.complaintId());
        if (c == null) {
            throw new InvalidField("complaintId", "no complaint " + body.complaintId() + " is known here");
        }
        user.requireWorksFor(c.branchId());
        if (body.visitedAt().isAfter(clock.instant().plusSeconds(300))) {
            throw new InvalidField("visitedAt", "a visit is recorded once it took place");
        }
        UUID task = scheduling.correctiveVisit(c, body.visitedAt(), metadata(c.branchId(), h));
        FollowUpTaskRow row = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> FollowUpTaskRow.findById(task));
        if (row == null) {
            return Problem.of(Response.Status.CONFLICT, "do-not-contact",
                    "the customer asked not to be contacted: no check-in is scheduled").toResponse();
        }
        return Response.status(Response.Status.CREATED).entity(FollowUpResponse.of(row, overdueBefore())).build();
    }

    @POST
    @Path("/read-model/rebuild")
    @RolesAllowed(Roles.OPERATIONS)
    @Operation(operationId = "rebuildFollowUpLists",
            summary = "Operations: rebuild the task list and the survey list from the event store (after a fix to "
            + "a projection)")
    public java.util.List<clinic.eventstore.projection.RebuildProgress> rebuild(
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "from the first stream, even when an earlier rebuild stopped half way (it goes on from there otherwise)") @jakarta.ws.rs.QueryParam("restart") boolean restart) {
        return java.util.List.of(tasks.rebuildList(restart), surveys.rebuildList(restart));
    }

    private Instant dueBy(String due, String branch) {
        if (due == null || due.isBlank()) {
            return null;
        }
        if (due.equals("now")) {
            return clock.instant();
        }
        if (due.length() == 10) {
            return BusinessTime.date("due", due).plusDays(1).atStartOfDay(calendars.of(branch).zone()).toInstant();
        }
        return ListFilter.instant("due", due);
    }

    private Instant overdueBefore() {
        return clock.instant().minus(config.overdueAfter());
    }

    private EventMetadata metadata(String branchId, CommandHeaders h) {
        return new EventMetadata(branchId, user.actor(), h.correlation(), null);
    }

    private Response ok(TaskView view) {
        return Response.ok(FollowUpResponse.of(view.task(), view.version(), overdueBefore()))
                .tag(String.valueOf(view.version())).build();
    }

}
