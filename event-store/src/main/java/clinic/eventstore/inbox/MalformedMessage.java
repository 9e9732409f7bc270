package clinic.eventstore.inbox;

/** A message that can never be processed, whatever the retries: it goes to the dead-letter topic with this reason. */
public class MalformedMessage extends RuntimeException {

    public MalformedMessage(String reason) {
        super(reason);
    }

    public MalformedMessage(String reason, Throwable cause) {
        super(reason, cause);
    }
}
