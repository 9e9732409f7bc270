package clinic.complaint.domain.sla;

/** The clocks a case runs. */
public enum SlaClockName {
    /** From filing to acknowledgement. */
    ACKNOWLEDGE,
    /** From filing (or reopening) to the decision communicated; waits pause it. */
    RESOLVE
}
