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
                            String branchId, long sequence, String payload, String traceParent) {

    /** An event with no trace context (a request's own key in the inbox, say). */
    public IncomingEvent(UUID id, String type, String source, String subject, Instant time, UUID correlationId,
                         String branchId, long sequence, String payload) {
        this(id, type, source, subject, time, correlationId, branchId, sequence, payload, null);
    }

    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String branchId = optional(record, CloudEventHeaders.BRANCH_ID);
        if (branchId != null && !branchId.matches(clinic.eventstore.api.Formats.BRANCH_CODE)) {
            throw new MalformedMessage("bad CloudEvents attribute " + CloudEventHeaders.BRANCH_ID + ": not a branch code");
        }
        String payload = MalformedMessage.withoutNul(requireBody(record.value()));
        return new IncomingEvent(
                attribute(CloudEventHeaders.ID, () -> UUID.fromString(required(record, CloudEventHeaders.ID))),
                text(record, CloudEventHeaders.TYPE),
                text(record, CloudEventHeaders.SOURCE),
                text(record, CloudEventHeaders.SUBJECT),
                attribute(CloudEventHeaders.TIME, () -> {
                    Instant time = clinic.eventstore.api.BusinessTime.instant(CloudEventHeaders.TIME,
                            required(record, CloudEventHeaders.TIME));
                    return java.util.Objects.requireNonNull(time);
                }),
                attribute(CloudEventHeaders.CORRELATION_ID,
                        () -> UUID.fromString(required(record, CloudEventHeaders.CORRELATION_ID))),
                branchId,
                attribute(CloudEventHeaders.SEQUENCE, () -> Long.parseLong(required(record, CloudEventHeaders.SEQUENCE))),
                payload,
                // a trace context that is not a valid W3C header is left out, not a reason to refuse the event
                clinic.eventstore.observe.Tracing.valid(optional(record, CloudEventHeaders.TRACEPARENT)));
    }

    /** An attribute read by {@code reader}; one it cannot read is named, its value not quoted. */
    private static <T> T attribute(String header, java.util.function.Supplier<T> reader) {
        try {
            return reader.get();
        } catch (MalformedMessage e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedMessage("bad CloudEvents attribute " + header);
        }
    }

    /** A required text attribute: at most 200 characters, no control characters. */
    private static String text(ConsumerRecord<String, String> record, String header) {
        String value = required(record, header);
        if (value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            throw new MalformedMessage("bad CloudEvents attribute " + header);
        }
        return value;
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
