package clinic.eventstore.domain;

/**
 * A step the state allows, refused because of what it asks (an amount above what was paid, say); names the field at
 * fault as the API names it (null: none). Every service's deciders throw it; event-store's {@code ProblemMappers}
 * answers it with a 422 problem naming the field. Framework-free, like the domains that throw it.
 */
public class RuleBroken extends RuntimeException {

    private final String step;
    private final String field;

    public RuleBroken(String field, String reason) {
        this(null, field, reason);
    }

    /** Refused as {@code step} (its API name): the problem's detail says "'step' refused: reason". */
    public RuleBroken(String step, String field, String reason) {
        super(reason);
        this.step = step;
        this.field = field;
    }

    /** The step refused, by its API name; null when the refusal does not name it. */
    public String step() {
        return step;
    }

    /** The part of the request at fault, named as the API names it; null: none. */
    public String field() {
        return field;
    }

    /** What the problem's detail says. */
    public String detail() {
        return step == null ? getMessage() : "'" + step + "' refused: " + getMessage();
    }

    /** The kind of problem ({@code urn:clinic:problem:<kind>}). */
    public String problemType() {
        return "step-rejected";
    }
}
