package clinic.followup.domain;

/** What a follow-up window that ran to its end found; see {@link FollowUpWindowDecider}. */
public enum WindowOutcome {
    /** At least one callback reached the customer satisfied, and none found them dissatisfied or needing help. */
    SATISFIED,
    /** A callback reached the customer and they needed help: the branch looks at the case before it is closed. */
    NEEDS_HELP,
    /** No callback reached the customer (unreachable, wrong number, not to be contacted). */
    NOT_REACHED
}
