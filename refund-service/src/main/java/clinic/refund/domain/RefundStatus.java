package clinic.refund.domain;

/** Where a refund case is in its life. */
public enum RefundStatus {
    /** No refund case under this id. */
    NONE,
    /** Opened from a complaint; the contract review comes next. */
    REQUESTED,
    /** The contract, its refund clause and what was paid are being checked. */
    UNDER_REVIEW,
    /** The clinic has made an offer. */
    OFFERED,
    /** The customer (or the clinic again) answered with another amount. */
    COUNTER_OFFERED,
    /** The customer took the refund to an outside body; negotiation goes on under it. */
    ESCALATED,
    /** A written agreement above the approval threshold, waiting for HQ. */
    AWAITING_APPROVAL,
    /** A written agreement: amount, payment channels, due date. */
    AGREED,
    /** Part of the agreed amount has been paid. */
    SETTLING,
    SETTLED,
    REJECTED,
    WITHDRAWN;

    public boolean isOpen() {
        return switch (this) {
            case NONE, SETTLED, REJECTED, WITHDRAWN -> false;
            default -> true;
        };
    }
}
