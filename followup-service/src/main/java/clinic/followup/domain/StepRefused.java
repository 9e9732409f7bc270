package clinic.followup.domain;

import java.util.List;

/** A step the task or survey does not take in its state, or with these facts; names the field where there is one. */
public class StepRefused extends RuntimeException {

    private final String field;
    private final String state;
    private final List<String> allowed;

    public StepRefused(String field, String reason, String state, List<String> allowed) {
        super(reason);
        this.field = field;
        this.state = state;
        this.allowed = allowed == null ? List.of() : List.copyOf(allowed);
    }

    /** Not allowed in this state (HTTP 409). */
    public static StepRefused inState(String step, Enum<?> state, List<String> allowed) {
        return new StepRefused(null, step + " is not allowed when the task is " + state + "; allowed: " + allowed,
                state.name(), allowed);
    }

    /** Facts that break a rule (HTTP 422). */
    public static StepRefused rule(String field, String reason) {
        return new StepRefused(field, reason, null, null);
    }

    public String field() {
        return field;
    }

    public String state() {
        return state;
    }

    public List<String> allowed() {
        return allowed;
    }

    public boolean isConflict() {
        return state != null;
    }
}
