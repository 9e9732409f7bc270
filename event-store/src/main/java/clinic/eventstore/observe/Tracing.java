package clinic.eventstore.observe;

import org.jboss.logging.MDC;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * W3C trace context by hand (OpenTelemetry's Quarkus extension is not served by Maven Central at the project's Quarkus
 * version): what request or message the current work belongs to, kept in the logging context (MDC) so that every log
 * line carries it, stored with each appended event ({@code events.trace_parent}), carried by the relay in the
 * CloudEvents envelope ({@code ce_traceparent}, the CloudEvents distributed-tracing extension) and continued by the
 * consumer that reads it. One {@code traceId} thus follows a request through every service it reaches.
 *
 * <p>The case's correlation id ({@code correlationId}) sits beside it: a trace is one request and what it caused, a
 * correlation is the whole case.
 */
public final class Tracing {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    public static final String CORRELATION_ID = "correlationId";

    /** version 00, a 32-hex trace id, a 16-hex parent id, flags; all-zero ids are invalid (W3C trace context §3.2). */
    private static final Pattern HEADER = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_SPAN = "0".repeat(16);
    private static final SecureRandom RANDOM = new SecureRandom();

    private Tracing() {
    }

    /** What was in the logging context before {@link #begin}; {@link #close()} puts it back. */
    public record Scope(Object traceId, Object spanId, Object correlationId) implements AutoCloseable {
        @Override
        public void close() {
            restore(TRACE_ID, traceId);
            restore(SPAN_ID, spanId);
            restore(CORRELATION_ID, correlationId);
        }

        private static void restore(String key, Object value) {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        }
    }

    /**
     * Begins a unit of work (a request, a consumed message, a scheduler's run) as a new span of the trace in
     * {@code traceparent}, or of a new trace when it is absent or not a valid W3C header (never an error: a bad header
     * from a client must not refuse its request). {@code correlationId} may be null (not known yet).
     */
    public static Scope begin(String traceparent, UUID correlationId) {
        Scope previous = new Scope(MDC.get(TRACE_ID), MDC.get(SPAN_ID), MDC.get(CORRELATION_ID));
        String traceId = traceIdOf(traceparent);
        MDC.put(TRACE_ID, traceId == null ? hex(16) : traceId);
        MDC.put(SPAN_ID, hex(8));
        if (correlationId != null) {
            MDC.put(CORRELATION_ID, correlationId.toString());
        } else {
            MDC.remove(CORRELATION_ID);
        }
        return previous;
    }

    /** The case the current work turned out to be about: its correlation from now on in the logging context. */
    public static void correlate(UUID correlationId) {
        MDC.put(CORRELATION_ID, correlationId.toString());
    }

    /** The traceparent header of the current span, to store with an event or send on; null outside any trace. */
    public static String traceparent() {
        Object traceId = MDC.get(TRACE_ID);
        Object spanId = MDC.get(SPAN_ID);
        return traceId == null || spanId == null ? null : "00-" + traceId + "-" + spanId + "-01";
    }

    /** The trace id of a valid traceparent header, null otherwise. */
    public static String traceIdOf(String traceparent) {
        if (traceparent == null || traceparent.length() != 55) {
            return null;
        }
        var m = HEADER.matcher(traceparent);
        if (!m.matches() || ZERO_TRACE.equals(m.group(1)) || ZERO_SPAN.equals(m.group(2))) {
            return null;
        }
        return m.group(1);
    }

    /** A valid traceparent header as it is, null for anything else. */
    public static String valid(String traceparent) {
        return traceIdOf(traceparent) == null ? null : traceparent;
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
