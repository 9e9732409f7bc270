package clinic.complaint.domain;

/** How serious the complaint is; a safety or adverse-reaction complaint is at least HIGH. */
public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
