package clinic.refund.domain.purchase;

/** What happened after the sale that changes what the customer is entitled to. */
public enum UsageKind {
    /** Sessions of a package were redeemed ({@code sessions}). */
    SESSIONS_REDEEMED,
    /** Part of a prepaid balance was spent, valued at list price ({@code amount}). */
    BALANCE_USED,
    /** A single treatment was performed. */
    TREATMENT_PERFORMED,
    /** A product was returned. */
    PRODUCT_RETURNED,
    /** The customer repaid instalments to the financing partner ({@code financingPartner}, {@code amount}). */
    INSTALMENTS_REPAID
}
