package clinic.complaint.domain.sla;

/**
 * A clock as it stopped, kept in the event that stopped it (acknowledged, resolved) so that readers of the event
 * stream (HQ's measures) take complaint-service's own reading instead of counting business time a second way:
 * {@code usedSeconds} of business time, pauses excluded, in the case's calendar, against {@code targetSeconds}.
 */
public record SlaClockStop(long usedSeconds, long targetSeconds, boolean met) {

    public static SlaClockStop of(SlaReading reading) {
        return new SlaClockStop(reading.used().toSeconds(), reading.target().duration().toSeconds(),
                reading.state() == SlaState.MET);
    }
}
