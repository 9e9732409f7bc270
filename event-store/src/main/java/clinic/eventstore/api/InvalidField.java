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

    /** Reads a request value that must be a UUID, or refuses it naming the field. */
    public static java.util.UUID uuid(String field, String value) {
        try {
            return java.util.UUID.fromString(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidField(field, "must be a UUID");
        }
    }
}
