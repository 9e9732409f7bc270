package clinic.eventstore;

/** The store could not be read or written (the database failed, not the caller). */
public class EventStoreException extends RuntimeException {

    public EventStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
