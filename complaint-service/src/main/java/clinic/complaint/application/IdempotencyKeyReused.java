package clinic.complaint.application;

/** An Idempotency-Key sent again with a different request: the first request's result stands. */
public class IdempotencyKeyReused extends RuntimeException {
    public IdempotencyKeyReused(String key) {
        super("Idempotency-Key '" + key + "' was first used with a different request");
    }
}
