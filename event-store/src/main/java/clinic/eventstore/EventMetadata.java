package clinic.eventstore;

import java.util.Objects;
import java.util.UUID;

/**
 * Who and what caused an append: carried by every event it writes.
 *
 * @param branchId      the branch the case belongs to (null for chain-wide events)
 * @param actor         who acted: a staff id, a branch system, or a service name; never a customer's name
 * @param correlationId the conversation the event belongs to, kept across services
 * @param causationId   the event or request that caused it (null for a user's request with no id)
 */
public record EventMetadata(String branchId, String actor, UUID correlationId, UUID causationId) {

    public EventMetadata {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
    }

    /** The metadata for events caused by {@code cause}: same correlation, caused by it. */
    public static EventMetadata causedBy(StoredEvent cause, String actor) {
        return new EventMetadata(cause.branchId(), actor, cause.correlationId(), cause.eventId());
    }
}
