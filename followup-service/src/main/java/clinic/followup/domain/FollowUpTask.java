package clinic.followup.domain;

import java.time.Instant;
import java.util.UUID;

/** A follow-up task as its events made it. */
public record FollowUpTask(UUID id, UUID complaintId, String branchId, String customerRef, FollowUpKind kind,
                           FollowUpStatus status, Instant dueAt) {

    public static final FollowUpTask NONE = new FollowUpTask(null, null, null, null, null, FollowUpStatus.NONE, null);
}
