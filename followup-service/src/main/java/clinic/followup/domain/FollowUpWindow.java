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
 * <p>The window that can end belongs to the cycle's resolution. A refund settled before the resolution opens the
 * cycle's window already, because its callbacks are the cycle's one series (task ids come from complaint, cycle and
 * day: the resolution schedules nothing new), but such a window is not {@code resolved}: it records what the calls
 * came to and ends only once the resolution re-opens it, at once if every callback is over by then.
 *
 * @param callbacks the task ids of the cycle's series
 * @param ended     what each callback that is over came to, by task id
 * @param outcome   once ended, what the window found
 * @param resolved  the cycle's resolution has been heard, so the window may end (false only while a window opened by
 *                  a refund settled waits for it)
 */
public record FollowUpWindow(UUID complaintId, String branchId, int cycle, Status status, List<UUID> callbacks,
                             Map<UUID, CallbackResult> ended, WindowOutcome outcome, boolean resolved) {

    /** What opened (or re-opened) a window, as {@code openedBy} of {@code followup.window-opened.v1}. */
    public enum OpenedBy {
        /** {@code complaint.resolved.v1}: the window may end. */
        RESOLUTION,
        /** {@code refund.settled.v1} before the resolution: the window records its callbacks and waits for it. */
        REFUND_SETTLED
    }

    public enum Status {
        /** No window yet: the complaint was never resolved (nor its refund settled). */
        NONE,
        /** Some callbacks of the series are still to be made, or the cycle's resolution is still to be heard. */
        OPEN,
        /** Every callback is over: {@code followup.window-ended.v1} was emitted. */
        ENDED,
        /** A reopening, a withdrawal or a dissatisfied customer ended the cycle: it never ends as a window. */
        INTERRUPTED
    }

    public static final FollowUpWindow NONE = new FollowUpWindow(null, null, 0, Status.NONE, List.of(), Map.of(), null,
            false);

    public FollowUpWindow {
        callbacks = List.copyOf(callbacks);
        ended = Map.copyOf(ended);
    }

    public boolean open() {
        return status == Status.OPEN;
    }

    /** Every callback of the series is over (the window ends with the last one, or with the resolution after it). */
    public boolean allOver() {
        return ended.size() == callbacks.size();
    }

    FollowUpWindow with(Status status, WindowOutcome outcome) {
        return new FollowUpWindow(complaintId, branchId, cycle, status, callbacks, ended, outcome, resolved);
    }

    FollowUpWindow withEnded(UUID taskId, CallbackResult result) {
        Map<UUID, CallbackResult> more = new HashMap<>(ended);
        more.put(taskId, result);
        return new FollowUpWindow(complaintId, branchId, cycle, status, callbacks, more, outcome, resolved);
    }

    /** The cycle's resolution re-opened the window a refund settled had opened: same series, what it came to kept. */
    FollowUpWindow resolvedNow() {
        return new FollowUpWindow(complaintId, branchId, cycle, status, callbacks, ended, outcome, true);
    }
}
