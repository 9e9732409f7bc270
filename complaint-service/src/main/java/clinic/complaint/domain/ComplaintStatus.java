package clinic.complaint.domain;

/** Where a case is in its life. */
public enum ComplaintStatus {
    /** No complaint filed under this id. */
    NONE,
    RECEIVED,
    ACKNOWLEDGED
}
