package clinic.followup.domain;

import java.time.Instant;
import java.util.UUID;

/** What happened to a follow-up task; stored under the names in {@code FollowUpEventTypes}. */
public sealed interface FollowUpEvent {

    record FollowUpScheduled(UUID taskId, UUID complaintId, String branchId, String customerRef, FollowUpKind kind,
                             Instant dueAt, Instant scheduledAt) implements FollowUpEvent {
    }
}
