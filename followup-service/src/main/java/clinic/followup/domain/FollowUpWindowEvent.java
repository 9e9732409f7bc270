package clinic.followup.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What happened to a complaint's follow-up window; stored under the names in {@code FollowUpEventTypes}. No personal
 * data: ids, counts and outcomes only.
 */
public sealed interface FollowUpWindowEvent permits FollowUpWindowEvent.WindowOpened,
        FollowUpWindowEvent.CallbackEnded, FollowUpWindowEvent.WindowInterrupted, FollowUpWindowEvent.WindowEnded {

    /**
     * {@code followup.window-opened.v1}: the series of a resolution cycle, by task id, and what opened the window. A
     * second one for the same cycle, {@code openedBy} RESOLUTION, is the resolution re-opening the window a refund
     * settled opened before it (same series; what the calls came to so far still counts). {@code openedBy} is null in
     * windows stored before it existed: they are read as the resolution's, as they were then.
     */
    record WindowOpened(UUID complaintId, String branchId, int cycle, List<UUID> callbacks, Instant openedAt,
                        FollowUpWindow.OpenedBy openedBy) implements FollowUpWindowEvent {
    }

    /** {@code followup.window-callback-ended.v1}: one callback of the series is over. */
    record CallbackEnded(UUID complaintId, int cycle, UUID taskId, CallbackResult result, Instant endedAt)
            implements FollowUpWindowEvent {
    }

    /** {@code followup.window-interrupted.v1}: the cycle ends without a window end (nothing for complaint-service). */
    record WindowInterrupted(UUID complaintId, int cycle, String reason, Instant interruptedAt)
            implements FollowUpWindowEvent {
    }

    /**
     * {@code followup.window-ended.v1}, the contract complaint-service consumes: every callback of the cycle's series
     * is over. {@code callbacks} = {@code satisfied + needsHelp + unreachable + notMade}.
     */
    record WindowEnded(UUID complaintId, int cycle, WindowOutcome outcome, int callbacks, int satisfied, int needsHelp,
                       int unreachable, int notMade, Instant endedAt) implements FollowUpWindowEvent {
    }
}
