package clinic.refund.domain.purchase;

/** What a line of an order sold. */
public enum ItemKind {
    /** One treatment, performed or not. */
    TREATMENT,
    /** A package of N paid sessions, possibly with gifted ones. */
    PACKAGE,
    /** A prepaid card or membership balance, possibly with gifted credit. */
    PREPAID_BALANCE,
    /** A product (skin care, a device...). */
    PRODUCT
}
