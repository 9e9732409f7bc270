package clinic.followup.application;

import clinic.eventstore.EventTypeRegistry;
import clinic.followup.domain.CustomerDissatisfied;
import clinic.followup.domain.FollowUpEvent;
import clinic.followup.domain.FollowUpWindowEvent;
import clinic.followup.domain.SurveyEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The stable names the follow-up and survey events are stored and published under. */
public final class FollowUpEventTypes {

    public static final String SCHEDULED = "followup.scheduled.v1";
    public static final String DUE = "followup.due.v1";
    public static final String ASSIGNED = "followup.assigned.v1";
    public static final String CALL_RECORDED = "followup.call-recorded.v1";
    public static final String RESCHEDULED = "followup.rescheduled.v1";
    public static final String UNREACHABLE = "followup.unreachable.v1";
    public static final String CANCELLED = "followup.cancelled.v1";
    /** The contract complaint-service consumes: {complaintId, reason}. */
    public static final String CUSTOMER_DISSATISFIED = "followup.customer-dissatisfied.v1";
    public static final String SURVEY_SCHEDULED = "followup.survey-scheduled.v1";
    public static final String SURVEY_SENT = "followup.survey-sent.v1";
    public static final String SURVEY_ANSWERED = "followup.survey-answered.v1";
    public static final String SURVEY_EXPIRED = "followup.survey-expired.v1";
    public static final String SURVEY_CANCELLED = "followup.survey-cancelled.v1";
    public static final String WINDOW_OPENED = "followup.window-opened.v1";
    public static final String WINDOW_CALLBACK_ENDED = "followup.window-callback-ended.v1";
    public static final String WINDOW_INTERRUPTED = "followup.window-interrupted.v1";
    /**
     * The contract complaint-service consumes: {complaintId, cycle, outcome, callbacks, satisfied, needsHelp,
     * unreachable, notMade, endedAt}; SATISFIED closes a resolved case.
     */
    public static final String WINDOW_ENDED = "followup.window-ended.v1";

    @Produces
    @ApplicationScoped
    EventTypeRegistry<FollowUpEvent> tasks(ObjectMapper mapper) {
        return EventTypeRegistry.<FollowUpEvent>builder()
                .register(SCHEDULED, FollowUpEvent.FollowUpScheduled.class)
                .register(DUE, FollowUpEvent.FollowUpDue.class)
                .register(ASSIGNED, FollowUpEvent.FollowUpAssigned.class)
                .register(CALL_RECORDED, FollowUpEvent.CallRecorded.class)
                .register(RESCHEDULED, FollowUpEvent.FollowUpRescheduled.class)
                .register(UNREACHABLE, FollowUpEvent.FollowUpUnreachable.class)
                .register(CANCELLED, FollowUpEvent.FollowUpCancelled.class)
                .register(CUSTOMER_DISSATISFIED, CustomerDissatisfied.class)
                .build(mapper);
    }

    @Produces
    @ApplicationScoped
    EventTypeRegistry<SurveyEvent> surveys(ObjectMapper mapper) {
        return EventTypeRegistry.<SurveyEvent>builder()
                .register(SURVEY_SCHEDULED, SurveyEvent.SurveyScheduled.class)
                .register(SURVEY_SENT, SurveyEvent.SurveySent.class)
                .register(SURVEY_ANSWERED, SurveyEvent.SurveyAnswered.class)
                .register(SURVEY_EXPIRED, SurveyEvent.SurveyExpired.class)
                .register(SURVEY_CANCELLED, SurveyEvent.SurveyCancelled.class)
                .register(CUSTOMER_DISSATISFIED, CustomerDissatisfied.class)
                .build(mapper);
    }

    @Produces
    @ApplicationScoped
    EventTypeRegistry<FollowUpWindowEvent> windows(ObjectMapper mapper) {
        return EventTypeRegistry.<FollowUpWindowEvent>builder()
                .register(WINDOW_OPENED, FollowUpWindowEvent.WindowOpened.class)
                .register(WINDOW_CALLBACK_ENDED, FollowUpWindowEvent.CallbackEnded.class)
                .register(WINDOW_INTERRUPTED, FollowUpWindowEvent.WindowInterrupted.class)
                .register(WINDOW_ENDED, FollowUpWindowEvent.WindowEnded.class)
                .build(mapper);
    }
}
