package clinic.followup.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What is asked of a complaint's follow-up window. Every command carries the time it happens at. */
public sealed interface FollowUpWindowCommand {

    Instant at();

    /**
     * The complaint was resolved (or its refund settled, {@code openedBy}) in {@code cycle}: its series is
     * {@code callbacks}. The resolution also re-opens the window of its cycle that a settlement opened before it.
     */
    record OpenWindow(UUID complaintId, String branchId, int cycle, List<UUID> callbacks,
                      FollowUpWindow.OpenedBy openedBy, Instant at) implements FollowUpWindowCommand {
        public OpenWindow {
            java.util.Objects.requireNonNull(openedBy, "openedBy is required");
        }
    }

    /** A callback of the series is over (reached, unreachable, cancelled, or never scheduled). */
    record RecordCallbackEnded(UUID taskId, CallbackResult result, Instant at) implements FollowUpWindowCommand {
    }

    /** The cycle ended otherwise: the complaint was reopened or withdrawn, or a call found the customer dissatisfied. */
    record InterruptWindow(String reason, Instant at) implements FollowUpWindowCommand {
    }
}
