package clinic.followup.domain;

import java.util.UUID;

/** A task exists already under this id. */
public final class TaskAlreadyScheduled extends RuntimeException {
    public TaskAlreadyScheduled(UUID taskId) {
        super("follow-up task " + taskId + " is already scheduled");
    }
}
