package clinic.followup.domain;

/** Where a follow-up task is. */
public enum FollowUpStatus {
    /** No task under this id. */
    NONE,
    SCHEDULED
}
