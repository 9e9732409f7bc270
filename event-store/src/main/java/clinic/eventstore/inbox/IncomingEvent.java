package clinic.eventstore.inbox;

import clinic.eventstore.EventMetadata;
import clinic.eventstore.relay.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An event another service published, read from its CloudEvents envelope. A record without the attributes every
 * event has is a {@link MalformedMessage}, which sends it to the dead-letter topic.
 */
public record IncomingEvent(UUID id, String type, String source, String subject, Instant time, UUID correlationId,
                            String branchId, long sequence, String payload) {

    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        try {
            return new IncomingEvent(
                    UUID.fromString(required(record, CloudEventHeaders.ID)),
                    required(record, CloudEventHeaders.TYPE),
                    required(record, CloudEventHeaders.SOURCE),
                    required(record, CloudEventHeaders.SUBJECT),
                    Instant.parse(required(record, CloudEventHeaders.TIME)),
                    UUID.fromString(required(record, CloudEventHeaders.CORRELATION_ID)),
                    optional(record, CloudEventHeaders.BRANCH_ID),
                    Long.parseLong(required(record, CloudEventHeaders.SEQUENCE)),
                    requireBody(record.value()));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new MalformedMessage("bad CloudEvents attribute: " + e.getMessage());
        }
    }

    /** Metadata for the events this one causes in the consuming service. */
    public EventMetadata causing(String actor) {
        return new EventMetadata(branchId, actor, correlationId, id);
    }

    private static String requireBody(String value) {
        if (value == null || value.isBlank()) {
            throw new MalformedMessage("empty payload");
        }
        return value;
    }

    private static String required(ConsumerRecord<String, String> record, String header) {
        String value = optional(record, header);
        if (value == null || value.isBlank()) {
            throw new MalformedMessage("missing header " + header);
        }
        return value;
    }

    private static String optional(ConsumerRecord<String, String> record, String header) {
        Header h = record.headers().lastHeader(header);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
