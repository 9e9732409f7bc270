package clinic.eventstore;

/**
 * An append from a transaction that obtained its id before the stream's last writer did: publishing in transaction
 * order would put its events before that writer's. Nothing was decided on a wrong state (the stream was at the
 * expected version); the same command in a new transaction succeeds. {@link TransientFailures} retries it.
 */
public class AppendOutOfOrder extends RuntimeException {

    public AppendOutOfOrder(String streamId) {
        super("stream " + streamId + " was appended to by a newer transaction; run the command again in a new one",
                null, false, false);
    }
}
