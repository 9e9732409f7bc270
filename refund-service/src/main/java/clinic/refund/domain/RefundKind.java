package clinic.refund.domain;

import clinic.eventstore.domain.Money;

/** The refund a customer asks for. */
public enum RefundKind {
    FULL_REFUND,
    PARTIAL_REFUND,
    /** Money for harm or costs, proposed or agreed on the complaint (it may exceed what was paid). */
    COMPENSATION;

    /** The refund a complaint asks for when it is filed (its requested remedy's name), or null: no refund asked for. */
    public static RefundKind requestedOnFiling(String requestedRemedy) {
        return switch (requestedRemedy) {
            case "FULL_REFUND" -> FULL_REFUND;
            case "PARTIAL_REFUND" -> PARTIAL_REFUND;
            default -> null;
        };
    }

    /** The refund a money remedy proposed or agreed on the complaint opens. */
    public static RefundKind openedBy(RefundRemedy remedy) {
        return switch (remedy) {
            case FULL_REFUND -> FULL_REFUND;
            case COMPENSATION -> COMPENSATION;
            default -> PARTIAL_REFUND;
        };
    }
}
