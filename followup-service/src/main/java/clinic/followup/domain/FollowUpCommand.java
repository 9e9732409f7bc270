package clinic.followup.domain;

import java.time.Instant;
import java.util.UUID;

/** What is asked of a follow-up task. Every command carries the time it happens at. */
public sealed interface FollowUpCommand {

    Instant at();

    record ScheduleFollowUp(UUID taskId, UUID complaintId, String branchId, String customerRef, FollowUpKind kind,
                            Instant dueAt, Instant at) implements FollowUpCommand {
    }
}
