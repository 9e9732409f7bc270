package clinic.followup.domain;

/** What a follow-up call is for. */
public enum FollowUpKind {
    /** The branch calls the customer back after a new complaint. */
    INTAKE_CALLBACK,
    /** The 1-3-7 callbacks after a complaint is resolved or its refund settled ({@code day} 1, 3 or 7). */
    RESOLUTION_CALLBACK,
    /** A check-in within 24 hours of a corrective-treatment visit. */
    CORRECTIVE_CHECK_IN,
    /** After a product sale: "have you started using it" (day 2), "how is it going" (day 5), per product line. */
    PRODUCT_FOLLOW_UP
}
