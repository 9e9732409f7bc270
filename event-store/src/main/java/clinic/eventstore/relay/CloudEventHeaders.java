package clinic.eventstore.relay;

import clinic.eventstore.StoredEvent;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * The CloudEvents 1.0 Kafka binary-mode envelope: the payload is the record's value, the attributes are {@code ce_}
 * headers. Extensions carry what a consumer needs to keep order and trace a conversation.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String CONTENT_TYPE = "content-type";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String CAUSATION_ID = "ce_causationid";
    public static final String BRANCH_ID = "ce_branchid";
    public static final String SEQUENCE = "ce_sequence";
    public static final String ACTOR = "ce_actor";
    /** The CloudEvents distributed-tracing extension: the W3C trace context of the request that appended the event. */
    public static final String TRACEPARENT = "ce_traceparent";

    private CloudEventHeaders() {
    }

    public static Headers of(StoredEvent e, String source) {
        return of(e, source, null);
    }

    /** The envelope of {@code e}, with the trace context it was appended in ({@code traceparent}, may be null). */
    public static Headers of(StoredEvent e, String source, String traceparent) {
        RecordHeaders h = new RecordHeaders();
        put(h, SPEC_VERSION, "1.0");
        put(h, ID, e.eventId().toString());
        put(h, TYPE, e.type());
        put(h, SOURCE, source);
        put(h, SUBJECT, e.streamId());
        put(h, TIME, DateTimeFormatter.ISO_INSTANT.format(e.occurredAt()));
        put(h, CONTENT_TYPE, "application/json");
        put(h, CORRELATION_ID, e.correlationId().toString());
        put(h, SEQUENCE, String.valueOf(e.version()));
        if (e.actor() != null) { // every service writes one; a row without one must not stop the relay
            put(h, ACTOR, e.actor());
        }
        if (e.causationId() != null) {
            put(h, CAUSATION_ID, e.causationId().toString());
        }
        if (e.branchId() != null) {
            put(h, BRANCH_ID, e.branchId());
        }
        if (clinic.eventstore.observe.Tracing.valid(traceparent) != null) {
            put(h, TRACEPARENT, traceparent);
        }
        return h;
    }

    private static void put(Headers h, String key, String value) {
        h.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
