package clinic.refund.domain;

import clinic.eventstore.domain.Money;

/** What an offer, a counter-offer or the agreement gives the customer. */
public enum RefundRemedy {
    /** Everything paid, back. */
    FULL_REFUND,
    PARTIAL_REFUND,
    /** Back onto the customer's prepaid balance instead of to the payment channel. */
    REFUND_TO_BALANCE,
    /** A free corrective treatment and part of the money back. */
    CORRECTIVE_TREATMENT_AND_REFUND,
    /** Money on top of (or instead of) a refund, for harm or costs. */
    COMPENSATION;

    /** The remedy an amount implies when none is named: all of it is a full refund, less is partial. */
    static RefundRemedy implied(Money amount, Money paid) {
        return amount.minorUnits() == paid.minorUnits() ? FULL_REFUND : PARTIAL_REFUND;
    }
}
