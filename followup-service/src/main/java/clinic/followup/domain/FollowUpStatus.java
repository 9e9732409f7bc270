package clinic.followup.domain;

/** Where a follow-up task is. */
public enum FollowUpStatus {
    /** No task under this id. */
    NONE,
    /** Waiting for its time (inside the branch's business hours). */
    SCHEDULED,
    /** Its time has come: in the branch's work queue. */
    DUE,
    /** Handed to one member of staff. */
    ASSIGNED,
    /** The customer was reached (satisfied, dissatisfied or needing help). */
    DONE,
    /** Not reached after the policy number of attempts, or a wrong number. */
    UNREACHABLE,
    /** No longer fits: the case was reopened or withdrawn, or the customer asked not to be contacted. */
    CANCELLED;

    public boolean isOpen() {
        return this == SCHEDULED || this == DUE || this == ASSIGNED;
    }
}
