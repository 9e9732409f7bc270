package clinic.hq.domain;

/**
 * An SLA clock as complaint-service stopped it (acknowledged, resolved): business time used, pauses excluded, in the
 * case's own calendar, against its target. HQ takes these readings as they are: the clocks are counted once, by
 * complaint-service, never a second way here.
 */
public record SlaStop(long usedSeconds, long targetSeconds, boolean met) {

    public SlaStop {
        if (usedSeconds < 0 || targetSeconds < 0) {
            throw new IllegalArgumentException("clock: seconds must not be negative");
        }
    }
}
