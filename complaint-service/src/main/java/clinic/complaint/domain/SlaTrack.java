package clinic.complaint.domain;

import clinic.complaint.domain.Complaint.Pause;
import clinic.complaint.domain.Complaint.SlaWarning;
import clinic.complaint.domain.sla.SlaClockName;
import clinic.complaint.domain.sla.SlaWarningLevel;

import java.time.Instant;
import java.util.List;

/**
 * What the SLA clocks are read from besides the intake and the lifecycle: when the resolve clock (re)started, the wait
 * that pauses it now (null: none), the waits that ended ({@code pauses}: of the current resolve cycle;
 * {@code waitHistory}: every one, see {@link Pause}), and the SLA warnings raised.
 */
public record SlaTrack(Instant resolveClockStartedAt, WaitReason waitingOn, Instant waitingSince, List<Pause> pauses,
                       List<Pause> waitHistory, List<SlaWarning> slaWarnings) {

    /** Nothing filed yet. */
    static final SlaTrack NONE = new SlaTrack(null, null, null, List.of(), List.of(), List.of());

    public SlaTrack {
        pauses = List.copyOf(pauses);
        waitHistory = List.copyOf(waitHistory);
        slaWarnings = List.copyOf(slaWarnings);
    }

    /** Whether the warning was raised on the clock in {@code cycle} (the resolve clock's cycle is the reopen count). */
    public boolean warningRaised(SlaClockName clock, SlaWarningLevel level, int cycle) {
        return slaWarnings.stream().anyMatch(w -> w.clock() == clock && w.level() == level && w.cycle() == cycle);
    }

    /** The resolve clock starts (filing). */
    SlaTrack resolveClockStarted(Instant at) {
        return new SlaTrack(at, waitingOn, waitingSince, pauses, waitHistory, slaWarnings);
    }

    /** The resolve clock starts again (reopening): the pauses of the earlier cycle no longer count. */
    SlaTrack resolveClockRestarted(Instant at) {
        return new SlaTrack(at, waitingOn, waitingSince, List.of(), waitHistory, slaWarnings);
    }

    SlaTrack waitStarted(WaitReason reason, Instant at) {
        return new SlaTrack(resolveClockStartedAt, reason, at, pauses, waitHistory, slaWarnings);
    }

    /** The wait, if any, ends at {@code at} (resumed, or the case resolved or withdrawn while waiting). */
    SlaTrack waitEnded(Instant at) {
        if (waitingSince == null) {
            return new SlaTrack(resolveClockStartedAt, null, null, pauses, waitHistory, slaWarnings);
        }
        Pause ended = new Pause(waitingOn, waitingSince, at);
        return new SlaTrack(resolveClockStartedAt, null, null, Complaint.appended(pauses, ended),
                Complaint.appended(waitHistory, ended), slaWarnings);
    }

    SlaTrack withWarning(SlaWarning raised) {
        return new SlaTrack(resolveClockStartedAt, waitingOn, waitingSince, pauses, waitHistory,
                Complaint.appended(slaWarnings, raised));
    }
}
