package clinic.followup.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The follow-up window of a complaint as its events made it: the 1-3-7 callbacks of the case's current resolution
 * cycle, and what each came to. One stream per complaint ({@link FollowUpRules#windowId}); a later cycle's window
 * replaces the one before.
 *
 * @param callbacks the task ids of the cycle's series
 * @param ended     what each callback that is over came to, by task id
 * @param outcome   once ended, what the window found
 */
public record FollowUpWindow(UUID complaintId, String branchId, int cycle, Status status, List<UUID> callbacks,
                             Map<UUID, CallbackResult> ended, WindowOutcome outcome) {

    public enum Status {
        /** No window yet: the complaint was never resolved (nor its refund settled). */
        NONE,
        /** Some callbacks of the series are still to be made. */
        OPEN,
        /** Every callback is over: {@code followup.window-ended.v1} was emitted. */
        ENDED,
        /** A reopening, a withdrawal or a dissatisfied customer ended the cycle: it never ends as a window. */
        INTERRUPTED
    }

    public static final FollowUpWindow NONE = new FollowUpWindow(null, null, 0, Status.NONE, List.of(), Map.of(), null);

    public FollowUpWindow {
        callbacks = List.copyOf(callbacks);
        ended = Map.copyOf(ended);
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    FollowUpWindow with(Status status, WindowOutcome outcome) {
        return new FollowUpWindow(complaintId, branchId, cycle, status, callbacks, ended, outcome);
    }

    FollowUpWindow withEnded(UUID taskId, CallbackResult result) {
        Map<UUID, CallbackResult> more = new HashMap<>(ended);
        more.put(taskId, result);
        return new FollowUpWindow(complaintId, branchId, cycle, status, callbacks, more, outcome);
    }
}
