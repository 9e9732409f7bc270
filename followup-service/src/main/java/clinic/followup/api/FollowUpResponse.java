package clinic.followup.api;

import clinic.followup.domain.FollowUpDecider;
import clinic.followup.domain.FollowUpTask;
import clinic.followup.projection.FollowUpTaskRow;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A follow-up task as the API shows it; {@code overdue}: still open {@code followup.overdue-after} past its time. */
public record FollowUpResponse(UUID id, UUID complaintId, UUID purchaseId, String branchId, String customerRef,
                               String kind, int day, String status, Instant dueAt, boolean overdue, int attempts,
                               String assignedTo, String lastOutcome, Instant scheduledAt, long version,
                               List<String> allowedSteps) {

    static FollowUpResponse of(FollowUpTaskRow row, Instant overdueBefore) {
        return new FollowUpResponse(row.id, row.complaintId, row.purchaseId, row.branchId, row.customerRef, row.kind,
                row.day, row.status, row.dueAt, overdue(row.status, row.dueAt, overdueBefore), row.attempts, row.assignedTo,
                row.lastOutcome, row.scheduledAt, row.version, null);
    }

    static FollowUpResponse of(FollowUpTask t, long version, Instant overdueBefore) {
        return new FollowUpResponse(t.id(), t.complaintId(), t.purchaseId(), t.branchId(), t.customerRef(),
                t.kind().name(), t.day(), t.status().name(), t.dueAt(), overdue(t.status().name(), t.dueAt(), overdueBefore),
                t.attempts(), t.assignedTo(), t.lastOutcome() == null ? null : t.lastOutcome().name(), null, version,
                FollowUpDecider.allowedSteps(t));
    }

    private static boolean overdue(String status, Instant dueAt, Instant overdueBefore) {
        return ("DUE".equals(status) || "ASSIGNED".equals(status)) && dueAt.isBefore(overdueBefore);
    }
}
