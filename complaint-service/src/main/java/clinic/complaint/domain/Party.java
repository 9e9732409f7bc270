package clinic.complaint.domain;

/** A side of the negotiation. */
public enum Party {
    CUSTOMER,
    CLINIC
}
