package clinic.complaint.domain.sla;

import clinic.calendar.BusinessCalendar;
import clinic.complaint.domain.Complaint;
import clinic.complaint.domain.Complaint.Escalation;
import clinic.complaint.domain.ComplaintEvent;
import clinic.complaint.domain.ComplaintEvent.EscalationDeadlineAtRisk;
import clinic.complaint.domain.ComplaintEvent.EscalationDeadlineMissed;
import clinic.complaint.domain.ComplaintEvent.SlaAtRisk;
import clinic.complaint.domain.ComplaintEvent.SlaBreached;
import clinic.complaint.domain.EscalationNorms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When the SLA scheduler looks at a case, and what it raises then. A case has warnings to come: the at-risk and due
 * moments of each SLA clock that runs (once per clock and resolve cycle), and the at-risk and missed moments of each
 * deadline of an open external escalation (once per escalation and deadline kind, see {@link EscalationNorms}). A
 * stopped or paused clock, a paused deadline and a warning raised already have none. {@link #warningsDue} raises those
 * whose moment has come; {@link #nextCheck} is the earliest moment still to come, so the scheduler looks no sooner
 * and no later than needed.
 */
public final class SlaScheduling {

    private SlaScheduling() {
    }

    /** A warning not raised yet: when it falls due, and the event that raises it then. */
    private record Pending(Instant at, ComplaintEvent warning) {
    }

    /** The warnings whose moment has come by {@code now}, clocks first, each escalation's deadlines after. */
    public static List<ComplaintEvent> warningsDue(Complaint state, SlaPolicy policy, BusinessCalendar calendar,
                                                   Instant now) {
        return pending(state, policy, calendar, now).stream().filter(p -> !now.isBefore(p.at()))
                .map(Pending::warning).toList();
    }

    /**
     * When the scheduler should look at the case next: the earliest moment of a warning not raised yet; null when
     * there is none (stopped, paused or all raised: the next step reschedules it).
     */
    public static Instant nextCheck(Complaint state, SlaPolicy policy, BusinessCalendar calendar, Instant now) {
        Instant next = null;
        for (Pending p : pending(state, policy, calendar, now)) {
            if (next == null || p.at().isBefore(next)) {
                next = p.at();
            }
        }
        return next;
    }

    private static List<Pending> pending(Complaint state, SlaPolicy policy, BusinessCalendar calendar, Instant now) {
        List<Pending> pending = new ArrayList<>();
        for (SlaReading r : SlaClocks.read(state, policy, calendar, now)) {
            if (r.stoppedAt() != null || r.dueAt() == null) {
                continue; // stopped, or paused: no warning while the clock does not run
            }
            int cycle = r.clock() == SlaClockName.RESOLVE ? state.reopenCount() : 0;
            if (!state.slaWarningRaised(r.clock(), SlaWarningLevel.AT_RISK)) {
                pending.add(new Pending(r.atRiskAt(), new SlaAtRisk(state.id(), r.clock(), cycle, r.dueAt(), now)));
            }
            if (!state.slaWarningRaised(r.clock(), SlaWarningLevel.BREACHED)) {
                pending.add(new Pending(r.dueAt(), new SlaBreached(state.id(), r.clock(), cycle, r.dueAt(), now)));
            }
        }
        for (Escalation e : state.escalations()) {
            if (!e.open()) {
                continue;
            }
            for (EscalationNorms.Deadline d : EscalationNorms.read(state, e, calendar, policy.atRiskShare(), now)) {
                if (d.paused()) {
                    continue;
                }
                if (!state.escalationWarningRaised(e.id(), d.kind(), EscalationNorms.WarningLevel.AT_RISK)) {
                    pending.add(new Pending(d.atRiskAt(), new EscalationDeadlineAtRisk(state.id(), e.id(), e.body(),
                            d.kind(), d.source(), d.dueDate(), now)));
                }
                if (!state.escalationWarningRaised(e.id(), d.kind(), EscalationNorms.WarningLevel.MISSED)) {
                    pending.add(new Pending(d.missedAt(), new EscalationDeadlineMissed(state.id(), e.id(), e.body(),
                            d.kind(), d.source(), d.dueDate(), now)));
                }
            }
        }
        return pending;
    }
}
