package clinic.eventstore;

import java.time.Instant;
import java.util.UUID;

/** An event as the store keeps it, with all of its metadata. */
public record StoredEvent(
        long globalPosition,
        UUID eventId,
        String streamId,
        int version,
        String type,
        String payload,
        Instant occurredAt,
        Instant recordedAt,
        String branchId,
        String actor,
        UUID correlationId,
        UUID causationId) {
}
