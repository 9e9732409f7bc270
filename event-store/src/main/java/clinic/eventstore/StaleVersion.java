package clinic.eventstore;

/** The caller acted on a version of the stream that is no longer current (an {@code If-Match} that failed). */
public class StaleVersion extends RuntimeException {

    private final long currentVersion;

    public StaleVersion(String streamId, long expected, long currentVersion) {
        super("stream " + streamId + " is at version " + currentVersion + ", not " + expected);
        this.currentVersion = currentVersion;
    }

    public long currentVersion() {
        return currentVersion;
    }
}
