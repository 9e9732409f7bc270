package clinic.followup.domain;

/** What a follow-up task is for. */
public enum FollowUpKind {
    /** The branch calls the customer back after a new complaint. */
    INTAKE_CALLBACK
}
