package clinic.followup.domain;

import java.time.Instant;
import java.util.UUID;

/** What is asked of a follow-up task. Every command carries the time it happens at. */
public sealed interface FollowUpCommand {

    Instant at();

    /** A new task; its due time is already inside the branch's business hours (see {@link FollowUpRules}). */
    record ScheduleFollowUp(UUID taskId, UUID complaintId, UUID purchaseId, String branchId, String customerRef,
                            FollowUpKind kind, int day, Instant dueAt, Instant at) implements FollowUpCommand {
    }

    /** The scheduler's look: a scheduled task whose time has come goes into the work queue, once. */
    record MarkDue(Instant at) implements FollowUpCommand {
    }

    /** A member of staff takes the task. */
    record Assign(String staff, Instant at) implements FollowUpCommand {
    }

    /**
     * A call made. {@code nextAttemptAt} is the next working slot (for no answer); {@code maxAttempts} the policy's.
     */
    record RecordCall(CallOutcome outcome, int durationSeconds, boolean hasNotes, String by, Instant nextAttemptAt,
                      int maxAttempts, Instant at) implements FollowUpCommand {
    }

    record Cancel(String reason, Instant at) implements FollowUpCommand {
    }
}
