package clinic.followup.domain;

import java.time.Instant;
import java.util.UUID;

/** What happened to a case's survey. The customer's comment stays in {@code survey_comments}, never in an event. */
public sealed interface SurveyEvent permits SurveyEvent.SurveyScheduled, SurveyEvent.SurveySent,
        SurveyEvent.SurveyAnswered, SurveyEvent.SurveyExpired, SurveyEvent.SurveyCancelled, CustomerDissatisfied {

    record SurveyScheduled(UUID surveyId, UUID complaintId, String branchId, String customerRef, String token,
                           Instant sendAt, Instant scheduledAt) implements SurveyEvent {
    }

    record SurveySent(UUID surveyId, UUID complaintId, String branchId, String customerRef, Instant sentAt,
                      Instant expiresAt) implements SurveyEvent {
    }

    record SurveyAnswered(UUID surveyId, UUID complaintId, String branchId, int csat, int nps, boolean hasComment,
                          Instant answeredAt) implements SurveyEvent {
    }

    record SurveyExpired(UUID surveyId, UUID complaintId, Instant expiredAt) implements SurveyEvent {
    }

    record SurveyCancelled(UUID surveyId, String reason, Instant cancelledAt) implements SurveyEvent {
    }
}
