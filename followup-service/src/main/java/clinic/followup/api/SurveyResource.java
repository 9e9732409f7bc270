package clinic.followup.api;

import clinic.eventstore.security.CurrentUser;
import clinic.eventstore.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.annotation.security.PermitAll;
import clinic.eventstore.domain.RuleBroken;
import clinic.eventstore.domain.StepNotAllowed;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.api.InvalidField;
import clinic.eventstore.api.ListFilter;
import clinic.eventstore.api.Problem;
import clinic.followup.application.SurveyService;
import clinic.followup.application.SurveyService.SurveyView;
import clinic.followup.config.FollowUpConfig;
import clinic.followup.domain.Survey;
import clinic.followup.domain.SurveyCommand;
import clinic.followup.domain.SurveyStatus;
import clinic.followup.projection.SurveyRow;
import io.quarkus.qute.Template;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Case surveys: staff see a case's survey and its link; customers open the link on their phone (a page in Chinese or
 * English with CSAT 1-5, NPS 0-10 and a comment) and answer once.
 */
@Path("/surveys")
@Tag(name = "Surveys", description = "Case surveys: a case's survey for staff, and the page a customer answers it on")
public class SurveyResource {

    /** The page's answers, errors included, are HTML for the customer's browser. */
    static final String HTML = MediaType.TEXT_HTML;

    /** A case's survey as staff see it. */
    public record SurveyResponse(UUID id, UUID complaintId, String branchId, String status, Instant sendAt,
                                 Instant expiresAt, String link, Integer csat, Integer nps) {

        /** The survey as its list row has it; {@code linkVisible}: the caller works for its branch. */
        static SurveyResponse of(SurveyRow r, String surveyBaseUrl, boolean linkVisible) {
            return new SurveyResponse(r.id, r.complaintId, r.branchId, r.status, r.sendAt, r.expiresAt,
                    link(r.status, r.token, surveyBaseUrl, linkVisible), r.csat, r.nps);
        }

        /** The survey as its events made it (now, or as it was); {@code linkVisible}: the caller works for its branch. */
        static SurveyResponse of(Survey s, String surveyBaseUrl, boolean linkVisible) {
            return new SurveyResponse(s.id(), s.complaintId(), s.branchId(), s.status().name(), s.sendAt(),
                    s.expiresAt(), link(s.status().name(), s.token(), surveyBaseUrl, linkVisible), s.csat(), s.nps());
        }

        /** The link is the customer's key to answer: once sent, for the branch that sends it, not for HQ's readers. */
        private static String link(String status, String token, String surveyBaseUrl, boolean linkVisible) {
            return SurveyStatus.SCHEDULED.name().equals(status) || SurveyStatus.CANCELLED.name().equals(status)
                    || !linkVisible ? null : surveyBaseUrl + "/surveys/" + token;
        }
    }

    private final SurveyService surveys;
    private final FollowUpConfig config;
    private final Clock clock;
    private final Template survey;
    private final CurrentUser user;

    public SurveyResource(SurveyService surveys, FollowUpConfig config, Clock clock, Template survey, CurrentUser user) {
        this.user = user;
        this.surveys = surveys;
        this.config = config;
        this.clock = clock;
        this.survey = survey;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.BRANCH_STAFF, Roles.BRANCH_MANAGER, Roles.HQ_ANALYST, Roles.HQ_APPROVER, Roles.OPERATIONS,
            Roles.PRIVACY_OFFICER})
    @Operation(operationId = "listSurveys",
            summary = "A case's survey: its state, link (once sent; to staff of the case's branch only) and scores (once "
            + "answered): now, or as it was at a past moment (asOf) or after a given event (version)")
    @APIResponse(responseCode = "200", description = "The case's survey: none yet, an empty list; with asOf or "
            + "version, the one survey as it was then (ETag: that version)",
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = SurveyResponse.class)))
    @APIResponse(responseCode = "404", description = "With asOf or version: the case had no survey at that moment, "
            + "or its survey never reached that version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public Response byComplaint(@QueryParam("complaintId") String complaintId,
                                @QueryParam("asOf") String asOf,
                                @QueryParam("version") @Pattern(regexp = "[1-9][0-9]{0,8}") String version) {
        Instant at = ListFilter.instant("asOf", asOf);
        if (complaintId == null) {
            throw new InvalidField("complaintId", at != null || version != null
                    ? "is required: asOf and version read the survey of one case" : "is required");
        }
        UUID id = InvalidField.uuid("complaintId", complaintId);
        if (at != null || version != null) {
            SurveyView view = at != null ? surveys.ofComplaintAsOf(id, at)
                    : surveys.ofComplaintAtVersion(id, Long.parseLong(version));
            user.requireRead(view.survey().branchId());
            return Response.ok(List.of(SurveyResponse.of(view.survey(), config.surveyBaseUrl(),
                    user.worksFor(view.survey().branchId())))).tag(String.valueOf(view.version())).build();
        }
        List<SurveyRow> rows = SurveyRow.list("complaintId", id);
        rows.forEach(r -> user.requireRead(r.branchId));
        return Response.ok(rows.stream().map(r -> SurveyResponse.of(r, config.surveyBaseUrl(),
                user.worksFor(r.branchId))).toList()).build();
    }

    @GET
    @Path("/{token}")
    @Produces(MediaType.TEXT_HTML)
    @PermitAll // the customer's page: its unguessable token is the only key
    @Operation(operationId = "showSurveyPage", summary = "The survey page a customer opens from the link")
    @APIResponse(responseCode = "200", description = "The survey form, or that it was answered",
            content = @Content(mediaType = HTML))
    @APIResponse(responseCode = "404", description = "No such survey, or one not sent",
            content = @Content(mediaType = HTML))
    @APIResponse(responseCode = "410", description = "The survey has expired", content = @Content(mediaType = HTML))
    public Response page(@PathParam("token") String token, @QueryParam("lang") String lang,
                         @HeaderParam("Accept-Language") String acceptLanguage) {
        SurveyTexts texts = SurveyTexts.pick(lang, acceptLanguage);
        SurveyView view = surveys.byToken(token);
        if (view == null) {
            return render(Response.Status.NOT_FOUND, texts, token, "missing", null);
        }
        return switch (openState(view)) {
            case "open" -> render(Response.Status.OK, texts, token, "form", null);
            case "answered" -> render(Response.Status.OK, texts, token, "answered", null);
            case "expired" -> render(Response.Status.GONE, texts, token, "expired", null);
            default -> render(Response.Status.NOT_FOUND, texts, token, "unavailable", null);
        };
    }

    @POST
    @Path("/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @PermitAll // the customer's page: its unguessable token is the only key
    @Operation(operationId = "answerSurvey", summary = "The customer's answer from the survey page; answered once")
    @APIResponse(responseCode = "200", description = "Thanks for the answer", content = @Content(mediaType = HTML))
    @APIResponse(responseCode = "400", description = "The form again: a score is missing or out of range",
            content = @Content(mediaType = HTML))
    @APIResponse(responseCode = "404", description = "No such survey", content = @Content(mediaType = HTML))
    @APIResponse(responseCode = "409", description = "Answered already, or no longer open",
            content = @Content(mediaType = HTML))
    @APIResponse(responseCode = "410", description = "The survey has expired", content = @Content(mediaType = HTML))
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType") // not a form: refused before the page is reached
    public Response answer(@PathParam("token") String token, @QueryParam("lang") String lang,
                           @HeaderParam("Accept-Language") String acceptLanguage, @FormParam("csat") String csat,
                           @FormParam("nps") String nps, @FormParam("comment") String comment) {
        SurveyTexts texts = SurveyTexts.pick(lang, acceptLanguage);
        SurveyView view = surveys.byToken(token);
        if (view == null) {
            return render(Response.Status.NOT_FOUND, texts, token, "missing", null);
        }
        Integer c = score(csat, 1, 5);
        Integer n = score(nps, 0, 10);
        if (c == null || n == null) {
            return render(Response.Status.BAD_REQUEST, texts, token, "form", texts.missingScore());
        }
        // free text from a phone's form: at most 2000 characters (never half an emoji), and never a NUL (PostgreSQL
        // cannot store one)
        String text = comment == null ? null : comment.replace("\u0000", "");
        if (text != null && text.codePointCount(0, text.length()) > 2000) {
            text = text.substring(0, text.offsetByCodePoints(0, 2000));
        }
        try {
            surveys.answer(view.survey(), c, n, text,
                    new EventMetadata(view.survey().branchId(), "customer", UUID.randomUUID(), null), clock.instant());
            return render(Response.Status.OK, texts, token, "thanks", null);
        } catch (StepNotAllowed | RuleBroken e) {
            String state = openState(surveys.byToken(token));
            return switch (state) {
                case "answered" -> render(Response.Status.CONFLICT, texts, token, "answered", null);
                case "expired" -> render(Response.Status.GONE, texts, token, "expired", null);
                default -> render(Response.Status.CONFLICT, texts, token, "unavailable", null);
            };
        }
    }

    private String openState(SurveyView view) {
        return switch (view.survey().status()) {
            case SENT -> clock.instant().isBefore(view.survey().expiresAt()) ? "open" : "expired";
            case ANSWERED -> "answered";
            case EXPIRED -> "expired";
            default -> "unavailable";
        };
    }

    private Response render(Response.Status status, SurveyTexts texts, String token, String state, String error) {
        String html = survey.data("t", texts).data("token", token).data("state", state).data("error", error)
                .data("csatScores", IntStream.rangeClosed(1, 5).boxed().toList())
                .data("npsScores", IntStream.rangeClosed(0, 10).boxed().toList())
                .render();
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("X-Frame-Options", "DENY") // never framed by another site (clickjacking a customer's answer)
                .header("Content-Security-Policy", "frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static Integer score(String value, int min, int max) {
        if (value == null || !value.trim().matches("[0-9]{1,2}")) {
            return null;
        }
        int v = Integer.parseInt(value.trim());
        return v < min || v > max ? null : v;
    }
}
