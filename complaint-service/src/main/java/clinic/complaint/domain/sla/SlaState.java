package clinic.complaint.domain.sla;

/** Where a clock stands. */
public enum SlaState {
    ON_TRACK,
    /** Past the at-risk share of its target, not yet due. */
    AT_RISK,
    /** Running past its due time. */
    BREACHED,
    /** Paused by a wait (on the customer, evidence, the assessor). */
    PAUSED,
    /** Stopped in time. */
    MET,
    /** Stopped after its due time. */
    MISSED,
    /** Stopped without its goal (withdrawn, closed out of scope before acknowledgement). */
    STOPPED;

    public boolean running() {
        return this == ON_TRACK || this == AT_RISK || this == BREACHED || this == PAUSED;
    }
}
