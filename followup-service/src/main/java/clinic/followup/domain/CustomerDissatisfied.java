package clinic.followup.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * {@code followup.customer-dissatisfied.v1}: a callback found the customer dissatisfied, or a survey scored low;
 * complaint-service reopens the complaint. {@code reason} names what was found (no notes, no personal data).
 */
public record CustomerDissatisfied(UUID complaintId, String reason, String source, Instant at)
        implements FollowUpEvent, SurveyEvent {
}
