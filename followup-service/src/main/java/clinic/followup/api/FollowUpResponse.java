package clinic.followup.api;

import clinic.followup.projection.FollowUpTaskRow;

import java.time.Instant;
import java.util.UUID;

/** A follow-up task as the API shows it. */
public record FollowUpResponse(UUID id, UUID complaintId, String branchId, String customerRef, String kind,
                               String status, Instant dueAt, Instant scheduledAt, long version) {

    static FollowUpResponse of(FollowUpTaskRow row) {
        return new FollowUpResponse(row.id, row.complaintId, row.branchId, row.customerRef, row.kind, row.status,
                row.dueAt, row.scheduledAt, row.version);
    }
}
