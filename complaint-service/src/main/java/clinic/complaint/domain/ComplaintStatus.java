package clinic.complaint.domain;

/** Where a case is in its life (ISO 10002 with the clinic specifics of docs/business.md). */
public enum ComplaintStatus {
    /** No complaint filed under this id. */
    NONE,
    RECEIVED,
    ACKNOWLEDGED,
    /** Category, severity, scope and owner are set; in scope, the investigation comes next. */
    ASSESSED,
    INVESTIGATING,
    REMEDY_PROPOSED,
    NEGOTIATING,
    /** A written agreement: remedy, amount, payment method, due date. */
    AGREED,
    /** The decision has been communicated to the customer. */
    RESOLVED,
    CLOSED,
    /** Assessed as outside after-sales scope; closed with the explanation given to the customer. */
    CLOSED_OUT_OF_SCOPE,
    WITHDRAWN;

    /** Still being handled: steps other than reading can be taken. */
    public boolean isOpen() {
        return switch (this) {
            case NONE, CLOSED, CLOSED_OUT_OF_SCOPE, WITHDRAWN -> false;
            default -> true;
        };
    }
}
