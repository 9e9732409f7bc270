package clinic.hq.domain;

import java.time.Instant;
import java.util.UUID;

/** A satisfaction survey as HQ sees it: sent when, answered when and with which scores (CSAT 1-5, NPS 0-10). */
public record SurveyInsight(UUID surveyId, UUID complaintId, String branchId, String status, Instant scheduledAt,
                            Instant sentAt, Instant answeredAt, Integer csat, Integer nps) {

    public static final String SCHEDULED = "SCHEDULED";
    public static final String SENT = "SENT";
    public static final String ANSWERED = "ANSWERED";

    public static final SurveyInsight NONE = new SurveyInsight(null, null, null, null, null, null, null, null, null);

    public boolean exists() {
        return surveyId != null;
    }

    public static SurveyInsight evolve(SurveyInsight s, SurveyFact fact) {
        SurveyInsight v = s.surveyId != null ? s
                : new SurveyInsight(fact.surveyId(), null, null, SCHEDULED, null, null, null, null, null);
        return switch (fact) {
            case SurveyFact.Scheduled x -> new SurveyInsight(x.surveyId(), x.complaintId(), x.branchId(), v.status,
                    x.scheduledAt(), v.sentAt, v.answeredAt, v.csat, v.nps);
            case SurveyFact.Sent x -> new SurveyInsight(v.surveyId, v.complaintId, v.branchId,
                    SCHEDULED.equals(v.status) ? SENT : v.status, v.scheduledAt, x.sentAt(), v.answeredAt, v.csat,
                    v.nps);
            case SurveyFact.Answered a -> new SurveyInsight(v.surveyId, v.complaintId, v.branchId, ANSWERED,
                    v.scheduledAt, v.sentAt, a.answeredAt(), a.csat(), a.nps());
            case SurveyFact.Ended e -> ANSWERED.equals(v.status) ? v : new SurveyInsight(v.surveyId, v.complaintId,
                    v.branchId, e.how(), v.scheduledAt, v.sentAt, v.answeredAt, v.csat, v.nps);
            case SurveyFact.Step ignored -> v;
        };
    }
}
