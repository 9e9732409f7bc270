package clinic.complaint.domain;

import java.time.Instant;
import java.util.UUID;

/** A case as its events made it. */
public record Complaint(
        UUID id,
        String caseNumber,
        String branchId,
        String customerRef,
        Channel channel,
        Category category,
        Remedy requestedRemedy,
        Money amountPaid,
        ComplaintStatus status,
        Instant filedAt,
        Instant acknowledgedAt,
        String acknowledgedBy) {

    public static final Complaint NONE = new Complaint(null, null, null, null, null, null, null, null,
            ComplaintStatus.NONE, null, null, null);

    public boolean exists() {
        return status != ComplaintStatus.NONE;
    }
}
