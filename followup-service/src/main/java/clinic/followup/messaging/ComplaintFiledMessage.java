package clinic.followup.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The fields of complaint-service's {@code complaint.filed.v1} that this service needs; the rest is ignored. A
 * payload without them cannot be processed.
 */
public record ComplaintFiledMessage(UUID complaintId, String branchId, String customerRef, Instant filedAt) {

    public ComplaintFiledMessage {
        Objects.requireNonNull(complaintId, "complaintId is required");
        Objects.requireNonNull(branchId, "branchId is required");
        Objects.requireNonNull(filedAt, "filedAt is required");
    }
}
