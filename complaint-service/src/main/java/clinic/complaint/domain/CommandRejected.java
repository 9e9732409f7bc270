package clinic.complaint.domain;

/** A step the case's state allows, refused because of what it asks (an amount above what was paid, say). */
public final class CommandRejected extends RuntimeException {

    private final String step;
    private final String field;

    public CommandRejected(String step, String field, String reason) {
        super(reason);
        this.step = step;
        this.field = field;
    }

    public String step() {
        return step;
    }

    /** The part of the command at fault, named as the API names it. */
    public String field() {
        return field;
    }
}
