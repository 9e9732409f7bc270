package clinic.followup.application;

import clinic.eventstore.CommandPipeline;
import clinic.eventstore.CommandPipelines;
import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventTypeRegistry;
import clinic.eventstore.Expected;
import clinic.eventstore.projection.ProjectionRunner;
import clinic.eventstore.projection.RebuildProgress;
import clinic.followup.domain.FollowUpRules;
import clinic.followup.domain.Survey;
import clinic.followup.domain.SurveyCommand;
import clinic.followup.domain.SurveyDecider;
import clinic.followup.domain.SurveyEvent;
import clinic.followup.projection.SurveyRow;
import clinic.followup.projection.SurveysProjection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.UUID;

/** The one entry point that changes case surveys, through their command pipeline (which keeps the survey list). */
@Startup
@ApplicationScoped
public class SurveyService {

    /** The survey list's name for rebuilds. */
    public static final String LIST = "surveys";

    public record SurveyView(Survey survey, long version) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandPipeline<SurveyCommand, SurveyEvent, Survey> surveys;
    private final ProjectionRunner projections;
    private final clinic.followup.config.FollowUpConfig config;
    private final EntityManager em;

    public SurveyService(CommandPipelines pipelines, EventTypeRegistry<SurveyEvent> types, SurveysProjection list,
                         ProjectionRunner projections, clinic.followup.config.FollowUpConfig config, EntityManager em) {
        this.surveys = pipelines.define("survey", types,
                        new Decider<>(SurveyDecider::decide, SurveyDecider::evolve, Survey.NONE),
                        id -> new IllegalStateException("no survey " + id))
                .readModel(LIST, (state, version, now) -> list.update(state, version));
        this.projections = projections;
        this.config = config;
        this.em = em;
    }

    /** A fresh link secret: 128 random bits, URL-safe. */
    public static String newToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Applies a command to a survey, new or existing; repeats decide nothing. */
    public SurveyView apply(UUID surveyId, SurveyCommand command, EventMetadata metadata) {
        var result = surveys.on(surveyId).expecting(Expected.any()).by(metadata).at(command.at()).decide(command);
        return new SurveyView(result.state(), result.version());
    }

    /**
     * The customer's scores and comment on their survey, judged by the survey's branch policy (at or below its
     * thresholds the customer is dissatisfied, which reopens the complaint); the comment is kept outside the events.
     */
    public SurveyView answer(Survey survey, int csat, int nps, String comment, EventMetadata metadata, java.time.Instant at) {
        var policy = config.policyFor(survey.branchId());
        return answer(survey.id(), new SurveyCommand.AnswerSurvey(csat, nps, comment != null && !comment.isBlank(),
                policy.dissatisfiedCsatAtMost(), policy.dissatisfiedNpsAtMost(), at), comment, metadata);
    }

    private SurveyView answer(UUID surveyId, SurveyCommand.AnswerSurvey answer, String comment, EventMetadata metadata) {
        var result = surveys.on(surveyId).expecting(Expected.any()).by(metadata).at(answer.at())
                .alongside(answered -> {
                    if (comment != null && !comment.isBlank()) {
                        em.createNativeQuery("insert into survey_comments (survey_id, comment, recorded_at) "
                                        + "values (?1, ?2, ?3)")
                                .setParameter(1, surveyId).setParameter(2, comment.strip())
                                .setParameter(3, Timestamp.from(answer.at())).executeUpdate();
                    }
                })
                .decide(answer);
        return new SurveyView(result.state(), result.version());
    }

    /** The survey behind a link, or null. */
    public SurveyView byToken(String token) {
        SurveyRow row = QuarkusTransaction.requiringNew().call(() -> SurveyRow.<SurveyRow>find("token", token).firstResult());
        if (row == null) {
            return null;
        }
        var loaded = surveys.load(row.id.toString());
        return new SurveyView(loaded.state(), loaded.version());
    }

    /** The complaint's survey as the system knew it at {@code instant}: not found when it had none by then. */
    public SurveyView ofComplaintAsOf(UUID complaintId, java.time.Instant instant) {
        return view(complaintId, surveys.loadAsOf(FollowUpRules.surveyId(complaintId).toString(), instant));
    }

    /** The complaint's survey just after its {@code version}-th event: not found when it has not come that far. */
    public SurveyView ofComplaintAtVersion(UUID complaintId, long version) {
        var loaded = surveys.loadUpToVersion(FollowUpRules.surveyId(complaintId).toString(), version);
        if (loaded.version() != version) {
            throw new SurveyNotFound(complaintId);
        }
        return view(complaintId, loaded);
    }

    private static SurveyView view(UUID complaintId, CommandPipeline.Loaded<Survey> loaded) {
        if (!loaded.exists()) {
            throw new SurveyNotFound(complaintId);
        }
        return new SurveyView(loaded.state(), loaded.version());
    }

    /** Operations: rebuilds (restart: from the first stream, not from where a stopped rebuild was) the survey list from the event store. */
    public RebuildProgress rebuildList(boolean restart) {
        return projections.rebuild(LIST, restart);
    }

    public static class SurveyNotFound extends clinic.eventstore.api.NotFound {
        public SurveyNotFound(UUID complaintId) {
            super("survey-not-found", "no survey of complaint " + complaintId);
        }
    }
}
