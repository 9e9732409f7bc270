package clinic.hq.api;

import clinic.eventstore.api.BusinessTime;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.api.Paging;
import clinic.eventstore.projection.RebuildProgress;
import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import clinic.hq.application.DrillDown;
import clinic.hq.application.Freshness;
import clinic.hq.application.Insights;
import clinic.hq.application.Measures;
import clinic.hq.application.Period;
import clinic.hq.application.Timeline;
import clinic.hq.domain.CaseInsight;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HQ's measures over any period, per branch and chain-wide, as JSON (for the dashboard and BI tools) and CSV; the
 * cases behind each number; a case's timeline; how fresh it all is; and a live signal when something changed. HQ
 * reads every branch; a branch manager the branches of their account.
 */
@Path("/insights")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Insights", description = "HQ's measures of the chain, built from the three services' event streams")
@RolesAllowed({Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS, Roles.BRANCH_MANAGER})
public class InsightsResource {

    /** The longest period a measure covers. */
    static final long MAX_DAYS = 3660;
    static final String CSV = "text/csv";

    private final Measures measures;
    private final DrillDown drillDown;
    private final Timeline timeline;
    private final Freshness freshness;
    private final Insights insights;
    private final CurrentUser user;
    private final Clock clock;
    private final ZoneId zone;

    public InsightsResource(Measures measures, DrillDown drillDown, Timeline timeline, Freshness freshness,
                            Insights insights, CurrentUser user, Clock clock,
                            @ConfigProperty(name = "clinic.calendar.zone") ZoneId zone) {
        this.measures = measures;
        this.drillDown = drillDown;
        this.timeline = timeline;
        this.freshness = freshness;
        this.insights = insights;
        this.user = user;
        this.clock = clock;
        this.zone = zone;
    }

    @GET
    @Path("/overview")
    @Operation(operationId = "getOverview", summary = "Every measure for the period, chain-wide or for one branch")
    public Measures.Overview overview(@QueryParam("from") @Parameter(description = PERIOD) String from,
                                      @QueryParam("to") String to, @QueryParam("branch") String branch) {
        return measures.overview(period(from, to, branch));
    }

    @GET
    @Path("/overview.csv")
    @Produces(CSV)
    @Operation(operationId = "getOverviewCsv", summary = "The overview as CSV: one line per measure, key and value")
    public Response overviewCsv(@QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("branch") String branch) {
        Measures.Overview o = measures.overview(period(from, to, branch));
        StringBuilder csv = new StringBuilder(Csv.line(List.of("measure", "key", "value")));
        o.received().byCategory().forEach((k, v) -> csv.append(Csv.line(List.of("received.category", k, v))));
        o.received().byChannel().forEach((k, v) -> csv.append(Csv.line(List.of("received.channel", k, v))));
        o.received().bySeverity().forEach((k, v) -> csv.append(Csv.line(List.of("received.severity", k, v))));
        row(csv, "received", "total", o.received().total());
        durations(csv, "timeToAcknowledge", o.timeToAcknowledge());
        durations(csv, "timeToResolve", o.timeToResolve());
        o.sla().breached().forEach((k, v) -> row(csv, "sla.breached", k, v));
        row(csv, "sla", "atRiskNow", o.sla().atRiskNow());
        row(csv, "sla", "breachedNow", o.sla().breachedNow());
        row(csv, "reopens", "resolved", o.reopens().resolved());
        row(csv, "reopens", "reopened", o.reopens().reopened());
        row(csv, "reopens", "rate", o.reopens().rate());
        o.escalations().byBody().forEach((k, v) -> row(csv, "escalations.body", k, v));
        row(csv, "escalations", "concluded", o.escalations().concluded());
        row(csv, "refunds", "opened", o.refunds().opened());
        row(csv, "refunds", "agreed", o.refunds().agreed());
        o.refunds().agreedAmount().forEach(a -> row(csv, "refunds.agreedMinorUnits", a.currency(), a.minorUnits()));
        row(csv, "refunds", "settled", o.refunds().settled());
        o.refunds().paidAmount().forEach(a -> row(csv, "refunds.paidMinorUnits", a.currency(), a.minorUnits()));
        row(csv, "refunds.overdue", "count", o.refunds().overdue().count());
        o.refunds().overdue().outstanding().forEach(a -> row(csv, "refunds.overdue.outstandingMinorUnits",
                a.currency(), a.minorUnits()));
        row(csv, "refunds.overdue", "oldestDays", o.refunds().overdue().oldestDays());
        row(csv, "refunds.overdue", "medianDays", o.refunds().overdue().medianDays());
        var f = o.followUps();
        row(csv, "followUps", "due", f.due());
        row(csv, "followUps", "done", f.done());
        row(csv, "followUps", "unreachable", f.unreachable());
        row(csv, "followUps", "cancelled", f.cancelled());
        row(csv, "followUps", "open", f.open());
        row(csv, "followUps", "completion", f.completion());
        var s = o.surveys();
        row(csv, "surveys", "sent", s.sent());
        row(csv, "surveys", "answered", s.answered());
        row(csv, "surveys", "responseRate", s.responseRate());
        row(csv, "surveys", "csatAverage", s.csatAverage());
        row(csv, "surveys", "csatSatisfiedShare", s.csatSatisfiedShare());
        row(csv, "surveys", "nps", s.nps());
        return csv(csv, "overview", o.from(), o.to());
    }

    @GET
    @Path("/branches")
    @Operation(operationId = "getBranchLeague", summary = "The branch league table: the main measures per branch")
    public List<Measures.BranchLine> branches(@QueryParam("from") String from, @QueryParam("to") String to) {
        return measures.branches(period(from, to, null));
    }

    @GET
    @Path("/branches.csv")
    @Produces(CSV)
    @Operation(operationId = "getBranchLeagueCsv", summary = "The branch league table as CSV")
    public Response branchesCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        Period p = period(from, to, null);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("branchId", "received", "ackMedianHours",
                "ackWithinTargetShare", "resolveMedianHours", "resolveP90Hours", "resolveWithinTargetShare",
                "slaBreached", "atRiskNow", "reopenRate", "escalations", "refundsOverdue", "followUpCompletion",
                "csatAverage", "nps", "responseRate")));
        for (var b : measures.branches(p)) {
            csv.append(Csv.line(java.util.Arrays.asList(b.branchId(), b.received(), b.ackMedianHours(),
                    b.ackWithinTargetShare(), b.resolveMedianHours(), b.resolveP90Hours(),
                    b.resolveWithinTargetShare(), b.slaBreached(), b.atRiskNow(), b.reopenRate(), b.escalations(),
                    b.refundsOverdue(), b.followUpCompletion(), b.csatAverage(), b.nps(), b.responseRate())));
        }
        return csv(csv, "branches", p.from(), p.to());
    }

    @GET
    @Path("/cases")
    @Operation(operationId = "listCasesBehindMeasure",
            summary = "The cases (or refunds, tasks, surveys) behind one number of the dashboard, newest first")
    public DrillDown.Page cases(@QueryParam("measure") @Parameter(description = MEASURE) String measure,
                                @QueryParam("from") String from, @QueryParam("to") String to,
                                @QueryParam("branch") String branch, @Context UriInfo uri, @BeanParam Paging paging) {
        return drill(measure, from, to, branch, uri, paging);
    }

    @GET
    @Path("/cases.csv")
    @Produces(CSV)
    @Operation(operationId = "listCasesBehindMeasureCsv", summary = "The cases behind one number, as CSV")
    public Response casesCsv(@QueryParam("measure") String measure, @QueryParam("from") String from,
                             @QueryParam("to") String to, @QueryParam("branch") String branch, @Context UriInfo uri,
                             @BeanParam Paging paging) {
        DrillDown.Page page = drill(measure, from, to, branch, uri, paging);
        StringBuilder csv = new StringBuilder(Csv.line(List.of("subjectId", "complaintId", "caseNumber", "branchId",
                "category", "channel", "severity", "note", "at", "value", "currency", "minorUnits")));
        for (var r : page.rows()) {
            csv.append(Csv.line(java.util.Arrays.asList(r.subjectId(), r.complaintId(), r.caseNumber(), r.branchId(),
                    r.category(), r.channel(), r.severity(), r.note(), r.at(), r.value(),
                    r.amount() == null ? null : r.amount().currency(),
                    r.amount() == null ? null : r.amount().minorUnits())));
        }
        return csv(csv, page.measure(), page.from(), page.to());
    }

    @GET
    @Path("/cases/{id}/timeline")
    @Operation(operationId = "getCaseTimeline",
            summary = "A case's story across the services as HQ saw it: complaint, refund, follow-up and survey events")
    public Timeline.CaseTimeline timeline(@PathParam("id") String id) {
        UUID complaintId = InvalidField.uuid("id", id);
        CaseInsight c = insights.caseOf(complaintId);
        if (!c.exists() || c.branchId() == null) {
            throw new Insights.Unknown(complaintId.toString());
        }
        user.requireRead(c.branchId());
        return new Timeline.CaseTimeline(complaintId, c.caseNumber(), c.branchId(), timeline.of(complaintId));
    }

    @GET
    @Path("/freshness")
    @Operation(operationId = "getFreshness",
            summary = "How far behind the head of each topic the measures are, and how late the last event came")
    public List<Freshness.TopicFreshness> freshness() {
        return freshness.report();
    }

    /** A change was applied ({@code changes}: how many since the service started), or a heartbeat. */
    public record Live(long changes, Instant at) {
    }

    @GET
    @Path("/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "streamChanges",
            summary = "Server-sent events: one within half a second of new events applied, and a heartbeat every 15 s")
    public Multi<Live> live() {
        AtomicLong seen = new AtomicLong(-1);
        AtomicLong ticks = new AtomicLong();
        return Multi.createFrom().ticks().every(Duration.ofMillis(500))
                .filter(t -> {
                    long now = freshness.changes();
                    return seen.getAndSet(now) != now || ticks.incrementAndGet() % 30 == 0;
                })
                .map(t -> new Live(freshness.changes(), clock.instant()));
    }

    @POST
    @Path("/read-models/rebuild")
    @RolesAllowed(Roles.OPERATIONS)
    @Operation(operationId = "rebuildInsights",
            summary = "Operations: rebuild HQ's read models from HQ's store (after a fix to a measure's fold)")
    public List<RebuildProgress> rebuild(@QueryParam("name") @Parameter(description = "hq-cases, hq-refunds, "
            + "hq-followups or hq-surveys; all when absent") String name,
                                         @QueryParam("restart") @Parameter(description = "from the first stream, "
                                                 + "even when an earlier rebuild stopped half way") boolean restart) {
        if (name != null && !List.of(Insights.CASES, Insights.REFUNDS, Insights.FOLLOW_UPS, Insights.SURVEYS)
                .contains(name)) {
            throw new InvalidField("name", "must be hq-cases, hq-refunds, hq-followups or hq-surveys");
        }
        return insights.rebuild(name, restart);
    }

    static final String PERIOD = "first day (yyyy-MM-dd, the chain's time zone); with `to` (last day, included). "
            + "Default: the 30 days to today";
    static final String MEASURE = "received, acknowledged, resolved, sla-breached, at-risk, breached-now, reopened, "
            + "first-resolved, escalated, refunds-agreed, refunds-settled, refunds-overdue, followups, surveys; "
            + "filters by measure: category, channel, severity (received), late (acknowledged, resolved), clock "
            + "(sla-breached), body (escalated), status (followups), answered and nps (surveys)";

    private DrillDown.Page drill(String measure, String from, String to, String branch, UriInfo uri, Paging paging) {
        if (measure == null || measure.isBlank()) {
            throw new InvalidField("measure", "is required: one of " + String.join(", ", DrillDown.measures()));
        }
        Map<String, String> filters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (!List.of("measure", "from", "to", "branch", "page", "size").contains(name)) {
                if (values.size() != 1 || values.getFirst().length() > 40) {
                    throw new InvalidField(name.length() > 40 ? "filter" : name, "give it once, at most 40 characters");
                }
                filters.put(name, values.getFirst());
            }
        });
        return drillDown.rows(measure, period(from, to, branch), filters, paging.index(), paging.size());
    }

    private Period period(String fromText, String toText, String branch) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate to = toText == null || toText.isBlank() ? today : BusinessTime.date("to", toText);
        LocalDate from = fromText == null || fromText.isBlank() ? to.minusDays(29) : BusinessTime.date("from", fromText);
        if (from.isAfter(to)) {
            throw new InvalidField("from", "must be on or before to (" + to + ")");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new InvalidField("from", "a period covers at most " + MAX_DAYS + " days");
        }
        List<String> scope = user.listScope(branch);
        return new Period(from, to, zone, scope == null ? null : new ArrayList<>(scope));
    }

    private static void durations(StringBuilder csv, String name, Measures.Durations d) {
        row(csv, name, "count", d.count());
        row(csv, name, "medianHours", d.medianHours());
        row(csv, name, "p90Hours", d.p90Hours());
        row(csv, name, "withinTargetShare", d.withinTargetShare());
    }

    private static void row(StringBuilder csv, String measure, String key, Object value) {
        csv.append(Csv.line(java.util.Arrays.asList(measure, key, value)));
    }

    private static Response csv(StringBuilder csv, String name, LocalDate from, LocalDate to) {
        return Response.ok(csv.toString(), CSV + "; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "-" + from + "-" + to + ".csv\"")
                .build();
    }
}
