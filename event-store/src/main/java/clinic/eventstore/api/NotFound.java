package clinic.eventstore.api;

/**
 * A thing a request names that the service does not have: answered 404 with a problem of type
 * {@code urn:clinic:problem:<type>} wherever it is thrown, reads and steps alike.
 */
public abstract class NotFound extends RuntimeException {

    private final String type;

    protected NotFound(String type, String message) {
        super(message);
        this.type = type;
    }

    /** The problem type, e.g. {@code refund-not-found}. */
    public String type() {
        return type;
    }
}
