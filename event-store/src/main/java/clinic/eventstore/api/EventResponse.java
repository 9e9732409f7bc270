package clinic.eventstore.api;

import clinic.eventstore.StoredEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.UUID;

/** One stored event, with its metadata: a case's history, an operator's view of a store. */
public record EventResponse(
        UUID eventId,
        String type,
        String streamId,
        int version,
        long globalPosition,
        Instant occurredAt,
        Instant recordedAt,
        String branchId,
        String actor,
        UUID correlationId,
        UUID causationId,
        JsonNode data) {

    public static EventResponse of(StoredEvent e, ObjectMapper mapper) {
        try {
            return new EventResponse(e.eventId(), e.type(), e.streamId(), e.version(), e.globalPosition(),
                    e.occurredAt(), e.recordedAt(), e.branchId(), e.actor(), e.correlationId(), e.causationId(),
                    mapper.readTree(e.payload()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("stored payload of " + e.eventId() + " is not JSON", ex);
        }
    }
}
