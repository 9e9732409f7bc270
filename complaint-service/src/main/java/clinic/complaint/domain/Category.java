package clinic.complaint.domain;

/** What the complaint is about. */
public enum Category {
    TREATMENT_RESULT,
    ADVERSE_REACTION,
    SERVICE_ATTITUDE,
    PRODUCT_QUALITY,
    BILLING_PRICE,
    PREPAID_BALANCE,
    APPOINTMENT_NOT_HONOURED,
    PRIVACY,
    MISLEADING_ADVERTISING
}
