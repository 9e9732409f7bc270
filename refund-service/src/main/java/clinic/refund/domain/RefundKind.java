package clinic.refund.domain;

/** The refund a customer asks for. */
public enum RefundKind {
    FULL_REFUND,
    PARTIAL_REFUND
}
