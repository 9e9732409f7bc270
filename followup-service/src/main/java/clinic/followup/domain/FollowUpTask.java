package clinic.followup.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A follow-up task as its events made it. A task is about a complaint ({@code complaintId}) or a sale
 * ({@code purchaseId}, product follow-ups).
 *
 * @param day      the day of a series (1, 3, 7 of the callbacks; 2, 5... of product follow-ups), 0 otherwise
 * @param attempts    the calls made so far
 * @param scheduledAt when the task was scheduled
 */
public record FollowUpTask(UUID id, UUID complaintId, UUID purchaseId, String branchId, String customerRef,
                           FollowUpKind kind, int day, FollowUpStatus status, Instant dueAt, int attempts,
                           String assignedTo, CallOutcome lastOutcome, Instant scheduledAt) {

    public static final FollowUpTask NONE = new FollowUpTask(null, null, null, null, null, null, 0, FollowUpStatus.NONE,
            null, 0, null, null, null);

    FollowUpTask with(FollowUpStatus status, Instant dueAt, int attempts, String assignedTo, CallOutcome lastOutcome) {
        return new FollowUpTask(id, complaintId, purchaseId, branchId, customerRef, kind, day, status, dueAt, attempts,
                assignedTo, lastOutcome, scheduledAt);
    }
}
