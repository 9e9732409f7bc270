package clinic.eventstore.api;

/** A request field whose value the service cannot take, with the reason. */
public class InvalidField extends RuntimeException {

    private final String field;

    public InvalidField(String field, String reason) {
        super(reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
