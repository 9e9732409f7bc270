package clinic.complaint.domain;

/** What the customer asks for, or what the clinic offers. */
public enum Remedy {
    FULL_REFUND,
    PARTIAL_REFUND,
    CORRECTIVE_TREATMENT,
    REPLACEMENT_PRODUCT,
    APOLOGY,
    COMPENSATION;

    public boolean isRefund() {
        return this == FULL_REFUND || this == PARTIAL_REFUND;
    }
}
