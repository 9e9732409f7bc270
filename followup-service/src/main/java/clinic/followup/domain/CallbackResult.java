package clinic.followup.domain;

/** What one callback of a 1-3-7 series came to, for its follow-up window. */
public enum CallbackResult {
    /** Reached, and satisfied. */
    SATISFIED,
    /** Reached, and still dissatisfied: the window is interrupted (the complaint is reopened). */
    DISSATISFIED,
    /** Reached, and needs help (a question, a new appointment): flagged for the branch. */
    NEEDS_HELP,
    /** Not reached after the policy's attempts, or a wrong number. */
    UNREACHABLE,
    /** Never made: cancelled (the customer asked not to be contacted) or never scheduled for that reason. */
    NOT_MADE
}
