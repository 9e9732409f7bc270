package clinic.followup.messaging;

import java.util.Objects;
import java.util.UUID;

/**
 * The part of complaint-service's resolved, closed, reopened and withdrawn events (and refund-service's
 * {@code refund.settled.v1}) this service needs; when it happened is the event's time. The rest is ignored.
 */
public record CaseMessage(UUID complaintId, Integer reopenCount) {

    public CaseMessage {
        Objects.requireNonNull(complaintId, "complaintId is required");
    }
}
