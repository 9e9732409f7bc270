package clinic.followup.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What is asked of a complaint's follow-up window. Every command carries the time it happens at. */
public sealed interface FollowUpWindowCommand {

    Instant at();

    /** The complaint was resolved (or its refund settled) in {@code cycle}: its series is {@code callbacks}. */
    record OpenWindow(UUID complaintId, String branchId, int cycle, List<UUID> callbacks, Instant at)
            implements FollowUpWindowCommand {
    }

    /** A callback of the series is over (reached, unreachable, cancelled, or never scheduled). */
    record RecordCallbackEnded(UUID taskId, CallbackResult result, Instant at) implements FollowUpWindowCommand {
    }

    /** The cycle ended otherwise: the complaint was reopened or withdrawn, or a call found the customer dissatisfied. */
    record InterruptWindow(String reason, Instant at) implements FollowUpWindowCommand {
    }
}
