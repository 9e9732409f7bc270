package clinic.followup.domain;

/** Where a case's satisfaction survey is. */
public enum SurveyStatus {
    NONE,
    /** Waiting for its sending time (24 hours after closing, inside business hours). */
    SCHEDULED,
    /** The link is out; open for answers until it expires (28 days). */
    SENT,
    ANSWERED,
    EXPIRED,
    /** Not sent: the case was reopened or withdrawn, or the customer asked not to be contacted. Closing again re-arms it. */
    CANCELLED
}
