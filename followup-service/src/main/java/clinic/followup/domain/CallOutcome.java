package clinic.followup.domain;

/** What a follow-up call came to. */
public enum CallOutcome {
    REACHED_SATISFIED,
    /** Reached and still dissatisfied: the complaint is reopened. */
    REACHED_DISSATISFIED,
    /** Reached and needs help (a question, a new appointment): done, flagged for the branch. */
    NEEDS_HELP,
    /** No answer, or a bad moment: tried again the next working day, up to the policy's attempts. */
    NO_ANSWER,
    WRONG_NUMBER
}
