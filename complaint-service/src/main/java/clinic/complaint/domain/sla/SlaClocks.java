package clinic.complaint.domain.sla;

import clinic.calendar.BusinessCalendar;
import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.ComplaintStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads a case's SLA clocks from its state (that is, from its events), the policy and the branch calendar: the same
 * history always gives the same clocks. Waits pause the resolve clock; a reopened case starts a new one.
 */
public final class SlaClocks {

    private SlaClocks() {
    }

    public static List<SlaReading> read(Complaint c, SlaPolicy policy, BusinessCalendar calendar, Instant now) {
        if (!c.exists()) {
            return List.of();
        }
        return List.of(acknowledge(c, policy, calendar, now), resolve(c, policy, calendar, now));
    }

    public static SlaReading acknowledge(Complaint c, SlaPolicy policy, BusinessCalendar calendar, Instant now) {
        SlaTarget target = policy.acknowledge(c.category(), c.severity(), calendar, c.filedAt());
        Instant stopped = c.acknowledgedAt();
        if (stopped == null && !c.status().isOpen()) {
            stopped = c.closedAt();
        }
        boolean reached = c.acknowledgedAt() != null;
        return reading(SlaClockName.ACKNOWLEDGE, c.filedAt(), List.of(), null, stopped, reached, target, policy,
                calendar, now);
    }

    public static SlaReading resolve(Complaint c, SlaPolicy policy, BusinessCalendar calendar, Instant now) {
        Instant start = c.slaTrack().resolveClockStartedAt();
        SlaTarget target = policy.resolve(c.category(), c.severity(), calendar, start);
        Instant stopped = c.resolvedAt();
        boolean reached = stopped != null;
        if (stopped == null && !c.status().isOpen()) {
            stopped = c.closedAt();
            reached = c.status() == ComplaintStatus.CLOSED;
        }
        return reading(SlaClockName.RESOLVE, start, c.slaTrack().pauses(), c.waitingSince(), stopped, reached, target,
                policy, calendar, now);
    }

    private static SlaReading reading(SlaClockName clock, Instant start, List<Complaint.Pause> pauses, Instant pausedSince,
                                      Instant stoppedAt, boolean reached, SlaTarget target, SlaPolicy policy,
                                      BusinessCalendar calendar, Instant now) {
        Instant end = stoppedAt != null ? stoppedAt : (pausedSince != null ? pausedSince : now);
        Duration used = target.between(start, end, calendar);
        for (Complaint.Pause p : pauses) {
            used = used.minus(target.between(p.from(), p.to(), calendar));
        }
        // due and at-risk counted on from the last moment the clock (re)started running
        Instant resumed = pauses.isEmpty() ? start : pauses.getLast().to();
        Duration usedAtResume = target.between(start, resumed, calendar);
        for (Complaint.Pause p : pauses) {
            usedAtResume = usedAtResume.minus(target.between(p.from(), p.to(), calendar));
        }
        Duration atRiskAfter = Duration.ofNanos((long) (target.duration().toNanos() * policy.atRiskShare()));
        Instant dueAt = null;
        Instant atRiskAt = null;
        if (pausedSince == null || stoppedAt != null) {
            dueAt = target.plus(resumed, target.duration().minus(usedAtResume), calendar);
            atRiskAt = target.plus(resumed, max0(atRiskAfter.minus(usedAtResume)), calendar);
        }
        SlaState state;
        if (stoppedAt != null) {
            state = !reached ? SlaState.STOPPED : used.compareTo(target.duration()) <= 0 ? SlaState.MET : SlaState.MISSED;
        } else if (used.compareTo(target.duration()) > 0) {
            state = SlaState.BREACHED;
        } else if (pausedSince != null) {
            state = SlaState.PAUSED;
        } else if (used.compareTo(atRiskAfter) >= 0) {
            state = SlaState.AT_RISK;
        } else {
            state = SlaState.ON_TRACK;
        }
        return new SlaReading(clock, start, target, atRiskAt, dueAt, used, stoppedAt, state);
    }

    private static Duration max0(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
