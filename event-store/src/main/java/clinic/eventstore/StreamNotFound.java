package clinic.eventstore;

/** A command for a stream that has no events. */
public class StreamNotFound extends RuntimeException {

    private final String streamId;

    public StreamNotFound(String streamId) {
        super("no stream " + streamId);
        this.streamId = streamId;
    }

    public String streamId() {
        return streamId;
    }
}
