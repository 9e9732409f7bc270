package clinic.eventstore.domain;

import java.util.List;

/**
 * A step asked of an aggregate in a state that does not allow it; says the state and the steps it does allow (their
 * API names). Every service's deciders throw it; event-store's {@code ProblemMappers} answers it with a 409
 * {@code step-not-allowed} problem. Framework-free, like the domains that throw it.
 */
public class StepNotAllowed extends RuntimeException {

    private final String step;
    private final Enum<?> state;
    private final List<String> allowedSteps;

    /** Says "'step' is not allowed while the {@code what} is STATE; allowed: a, b". */
    public StepNotAllowed(String step, String what, Enum<?> state, List<String> allowedSteps) {
        this(step, state, allowedSteps, "'" + step + "' is not allowed while the " + what + " is " + state
                + (allowedSteps.isEmpty() ? "" : "; allowed: " + String.join(", ", allowedSteps)));
    }

    /** With the caller's own wording of the refusal ({@code message}). */
    public StepNotAllowed(String step, Enum<?> state, List<String> allowedSteps, String message) {
        super(message);
        this.step = step;
        this.state = state;
        this.allowedSteps = List.copyOf(allowedSteps);
    }

    /** The step asked, by its API name. */
    public String step() {
        return step;
    }

    /** The state that does not allow it. */
    public Enum<?> state() {
        return state;
    }

    public List<String> allowedSteps() {
        return allowedSteps;
    }
}
