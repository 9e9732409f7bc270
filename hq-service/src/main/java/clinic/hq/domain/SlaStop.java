package clinic.hq.domain;

/**
 * An SLA clock as complaint-service stopped it (acknowledged, resolved): business time used, pauses excluded, in the
 * case's own calendar, against its target. HQ takes these readings as they are: the clocks are counted once, by
 * complaint-service, never a second way here.
 */
public record SlaStop(long usedSeconds, long targetSeconds, boolean met) {

    /** Whether the reading can be ranked; one that cannot (negative seconds) is dropped, not the event it came in. */
    public boolean readable() {
        return usedSeconds >= 0 && targetSeconds >= 0;
    }

    /** {@code clock} when readable, else null (the event still counts, its duration does not). */
    static SlaStop orNone(SlaStop clock) {
        return clock != null && clock.readable() ? clock : null;
    }
}
