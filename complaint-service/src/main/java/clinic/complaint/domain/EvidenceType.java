package clinic.complaint.domain;

/** What a piece of evidence is. */
public enum EvidenceType {
    RECEIPT,
    ORDER_SCREENSHOT,
    CONTRACT,
    CHAT_RECORD,
    CALL_RECORD,
    MEDICAL_CERTIFICATE,
    PHOTO,
    VIDEO
}
