package clinic.followup.domain;

import clinic.followup.domain.FollowUpCommand.ScheduleFollowUp;
import clinic.followup.domain.FollowUpEvent.FollowUpScheduled;

import java.util.List;

/** The rules of a follow-up task, as two pure functions. */
public final class FollowUpDecider {

    private FollowUpDecider() {
    }

    public static List<FollowUpEvent> decide(FollowUpCommand command, FollowUpTask state) {
        return switch (command) {
            case ScheduleFollowUp c -> {
                if (state.status() != FollowUpStatus.NONE) {
                    throw new TaskAlreadyScheduled(c.taskId());
                }
                yield List.of(new FollowUpScheduled(c.taskId(), c.complaintId(), c.branchId(), c.customerRef(),
                        c.kind(), c.dueAt(), c.at()));
            }
        };
    }

    public static FollowUpTask evolve(FollowUpTask state, FollowUpEvent event) {
        return switch (event) {
            case FollowUpScheduled e -> new FollowUpTask(e.taskId(), e.complaintId(), e.branchId(), e.customerRef(),
                    e.kind(), FollowUpStatus.SCHEDULED, e.dueAt());
        };
    }
}
