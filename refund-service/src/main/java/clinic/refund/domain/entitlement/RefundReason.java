package clinic.refund.domain.entitlement;

/** Why money goes back, which decides the rules that apply (docs/business.md, refund section). */
public enum RefundReason {
    /** The project was not started or not honoured and the clinic is at fault: everything paid, no fees, plus
     *  interest and the customer's reasonable costs for prepaid service not provided (Consumer Protection Law art. 53). */
    CLINIC_FAULT_NOT_STARTED,
    /** The customer cancels for personal reasons: paid, less what was consumed, less itemised handling fees (capped). */
    PERSONAL_CANCELLATION,
    /** A third-party assessment found the clinic at fault for the result: everything paid for the items concerned. */
    RESULT_AT_FAULT
}
