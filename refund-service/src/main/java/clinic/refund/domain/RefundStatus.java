package clinic.refund.domain;

/** Where a refund case is in its life. */
public enum RefundStatus {
    /** No refund case under this id. */
    NONE,
    /** Opened from a complaint; the contract review comes next. */
    REQUESTED
}
