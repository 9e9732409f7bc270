package clinic.followup.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to a follow-up task; stored under the names in {@code FollowUpEventTypes}. No personal data: the
 * customer is a reference, a call's notes stay in this service's {@code call_notes} table.
 */
public sealed interface FollowUpEvent permits FollowUpEvent.FollowUpScheduled, FollowUpEvent.FollowUpDue,
        FollowUpEvent.FollowUpAssigned, FollowUpEvent.CallRecorded, FollowUpEvent.FollowUpRescheduled,
        FollowUpEvent.FollowUpUnreachable, FollowUpEvent.FollowUpCancelled, CustomerDissatisfied {

    record FollowUpScheduled(UUID taskId, UUID complaintId, UUID purchaseId, String branchId, String customerRef,
                             FollowUpKind kind, int day, Instant dueAt, Instant scheduledAt) implements FollowUpEvent {
    }

    record FollowUpDue(UUID taskId, UUID complaintId, String branchId, FollowUpKind kind, Instant dueAt,
                       Instant markedAt) implements FollowUpEvent {
    }

    record FollowUpAssigned(UUID taskId, String staff, Instant assignedAt) implements FollowUpEvent {
    }

    record CallRecorded(UUID taskId, UUID complaintId, int attempt, CallOutcome outcome, int durationSeconds,
                        boolean hasNotes, String by, Instant calledAt) implements FollowUpEvent {
    }

    /** Not reached: tried again at the next working slot. */
    record FollowUpRescheduled(UUID taskId, int attempt, Instant dueAt, Instant rescheduledAt) implements FollowUpEvent {
    }

    record FollowUpUnreachable(UUID taskId, UUID complaintId, int attempts, CallOutcome lastOutcome, Instant at)
            implements FollowUpEvent {
    }

    record FollowUpCancelled(UUID taskId, String reason, Instant cancelledAt) implements FollowUpEvent {
    }
}
