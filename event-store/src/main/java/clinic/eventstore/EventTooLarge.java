package clinic.eventstore;

/**
 * An event whose published record would be larger than the broker accepts on the service's topic: refused at the
 * door, before it is stored, since a stored event that can never be published would stop the relay.
 */
public class EventTooLarge extends RuntimeException {

    private final String eventType;
    private final long recordBytes;
    private final long limitBytes;

    public EventTooLarge(String eventType, long recordBytes, long limitBytes) {
        super("the " + eventType + " event this request makes would be published as a record of " + recordBytes
                + " bytes; the topic accepts at most " + limitBytes);
        this.eventType = eventType;
        this.recordBytes = recordBytes;
        this.limitBytes = limitBytes;
    }

    public String eventType() {
        return eventType;
    }

    public long recordBytes() {
        return recordBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
