package clinic.refund.domain;

/** The refund a customer asks for. */
public enum RefundKind {
    FULL_REFUND,
    PARTIAL_REFUND,
    /** Money for harm or costs, proposed or agreed on the complaint (it may exceed what was paid). */
    COMPENSATION
}
