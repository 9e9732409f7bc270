package clinic.complaint.domain.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock read at a moment: when it started, its target, when it is due and when it turns at risk (null while
 * paused: the remaining time is known, the date is not), how much of the target is used, and its state.
 */
public record SlaReading(SlaClockName clock, Instant startedAt, SlaTarget target, Instant atRiskAt, Instant dueAt,
                         Duration used, Instant stoppedAt, SlaState state) {
}
