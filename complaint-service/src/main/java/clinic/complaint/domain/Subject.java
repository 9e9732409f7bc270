package clinic.complaint.domain;

/** Whether the complaint is about a service (treatment) or a product sold; it decides the warranty window. */
public enum Subject {
    SERVICE,
    PRODUCT
}
