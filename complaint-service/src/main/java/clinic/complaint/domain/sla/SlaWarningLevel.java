package clinic.complaint.domain.sla;

/** How late a clock is when its warning is raised. */
public enum SlaWarningLevel {
    AT_RISK,
    BREACHED
}
