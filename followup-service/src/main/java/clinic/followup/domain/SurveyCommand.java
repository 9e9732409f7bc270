package clinic.followup.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** What is asked of a case's survey. */
public sealed interface SurveyCommand {

    Instant at();

    /** The case closed: send a survey at {@code sendAt} (one per case, even when reopened and closed again). */
    record ScheduleSurvey(UUID surveyId, UUID complaintId, String branchId, String customerRef, String token,
                          Instant sendAt, Instant at) implements SurveyCommand {
    }

    /** The scheduler's look: a scheduled survey whose time has come is sent, open for {@code openFor}. */
    record SendSurvey(Duration openFor, Instant at) implements SurveyCommand {
    }

    /**
     * The customer's answer. A CSAT at or below {@code dissatisfiedCsatAtMost} or an NPS at or below
     * {@code dissatisfiedNpsAtMost} (policy) reopens the complaint.
     */
    record AnswerSurvey(int csat, int nps, boolean hasComment, int dissatisfiedCsatAtMost, int dissatisfiedNpsAtMost,
                        Instant at) implements SurveyCommand {
    }

    /** The scheduler's look: a sent survey past its time expires. */
    record ExpireSurvey(Instant at) implements SurveyCommand {
    }

    record CancelSurvey(String reason, Instant at) implements SurveyCommand {
    }
}
