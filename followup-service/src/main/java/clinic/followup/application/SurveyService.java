package clinic.followup.application;

import clinic.eventstore.Decider;
import clinic.eventstore.EventMetadata;
import clinic.eventstore.EventSourcedRepository;
import clinic.eventstore.EventStore;
import clinic.eventstore.EventTypeRegistry;
import clinic.followup.domain.Survey;
import clinic.followup.domain.SurveyCommand;
import clinic.followup.domain.SurveyDecider;
import clinic.followup.domain.SurveyEvent;
import clinic.followup.projection.SurveyRow;
import clinic.followup.projection.SurveysProjection;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.util.Base64;
import java.util.UUID;

/** The one entry point that changes case surveys; one survey in one transaction, like the tasks. */
@ApplicationScoped
public class SurveyService {

    public record SurveyView(Survey survey, long version) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final EventSourcedRepository<SurveyCommand, SurveyEvent, Survey> surveys;
    private final SurveysProjection projection;
    private final EntityManager em;

    public SurveyService(EventStore store, EventTypeRegistry<SurveyEvent> types, SurveysProjection projection,
                         EntityManager em) {
        this.surveys = new EventSourcedRepository<>(store, types,
                new Decider<>(SurveyDecider::decide, SurveyDecider::evolve, Survey.NONE));
        this.projection = projection;
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
        return FollowUpService.retryingConflicts(() -> QuarkusTransaction.requiringNew().call(() -> {
            var result = surveys.handleNewOrExisting(surveyId.toString(), command, metadata, command.at());
            if (!result.events().isEmpty()) {
                projection.update(result.state(), result.version());
            }
            return new SurveyView(result.state(), result.version());
        }));
    }

    /** The customer's answer, with their comment kept outside the events. */
    public SurveyView answer(UUID surveyId, SurveyCommand.AnswerSurvey answer, String comment, EventMetadata metadata) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var result = surveys.handleNewOrExisting(surveyId.toString(), answer, metadata, answer.at());
            projection.update(result.state(), result.version());
            if (comment != null && !comment.isBlank()) {
                em.createNativeQuery("insert into survey_comments (survey_id, comment, recorded_at) values (?1, ?2, ?3)")
                        .setParameter(1, surveyId).setParameter(2, comment.strip())
                        .setParameter(3, Timestamp.from(answer.at())).executeUpdate();
            }
            return new SurveyView(result.state(), result.version());
        });
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

    public long rebuildList() {
        return projection.rebuild(surveys);
    }
}
