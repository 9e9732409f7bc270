package clinic.complaint.domain;

/** What a third-party professional assessment found about the clinic. */
public enum AssessmentResult {
    AT_FAULT,
    NOT_AT_FAULT,
    INCONCLUSIVE
}
