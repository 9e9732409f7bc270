package clinic.eventstore;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** An event about to be appended: its stable type name and its JSON payload. */
public record NewEvent(UUID eventId, String type, String payload, Instant occurredAt) {

    public NewEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
