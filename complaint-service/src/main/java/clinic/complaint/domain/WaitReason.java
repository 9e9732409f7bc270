package clinic.complaint.domain;

/** What an investigation waits on; a wait pauses the resolution clock. */
public enum WaitReason {
    CUSTOMER,
    EVIDENCE,
    ASSESSOR
}
